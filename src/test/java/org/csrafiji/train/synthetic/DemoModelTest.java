package org.csrafiji.train.synthetic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.csrafiji.core.ModelSpecs;
import org.csrafiji.core.Prediction;
import org.csrafiji.eval.Dataset;
import org.csrafiji.eval.LabelCsvReader;
import org.csrafiji.eval.LabelState;
import org.csrafiji.eval.Sample;
import org.csrafiji.runtime.CsraModel;
import org.csrafiji.runtime.DeviceChoice;
import org.csrafiji.runtime.ModelLoader;
import ij.ImagePlus;

import org.csrafiji.image.ImageConverter;
import org.csrafiji.train.DatasetImages;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

/** The shipped demo model predicts the true labels of the shipped sample images. */
class DemoModelTest {

	private static final Path DEMO = Path.of("models", "demo");

	@Test
	void demoModelPredictsTheSampleLabels() {
		Dataset samples = LabelCsvReader.read(DEMO.resolve("samples/labels.csv"), null);
		try (CsraModel model = ModelLoader.load(ModelSpecs.read(DEMO.resolve("demo.json")),
			DeviceChoice.CPU))
		{
			assertEquals(samples.classes().names(), model.spec().classes().names());
			ImageConverter converter = new ImageConverter(model.spec().input(),
				DatasetImages.CONVERSION);
			for (Sample sample : samples.samples()) {
				ImagePlus imp = DatasetImages.open(sample);
				float[] chw = converter.toChw(imp, converter.positions(imp).get(0));
				Prediction p = model.predict(chw);
				for (int c = 0; c < samples.classes().size(); c++) {
					boolean present = sample.labels().get(c) == LabelState.POSITIVE;
					assertEquals(present, p.scores()[c] > model.spec().threshold(),
						sample.key() + " "
							+ samples.classes().name(c) + " score " + p.scores()[c]);
				}
			}
		}
	}
}
