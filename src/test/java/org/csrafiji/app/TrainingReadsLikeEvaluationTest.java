package org.csrafiji.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.IndexColorModel;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import ij.IJ;
import ij.ImagePlus;
import ij.process.ByteProcessor;
import ij.process.ColorProcessor;
import ij.process.ShortProcessor;

import org.csrafiji.core.InputSpec;
import org.csrafiji.eval.Dataset;
import org.csrafiji.eval.LabelCsvReader;
import org.csrafiji.eval.ModelStamp;
import org.csrafiji.eval.PredictionsWriter;
import org.csrafiji.image.ImageConverter;
import org.csrafiji.runtime.BatchPredictor;
import org.csrafiji.train.Augmentation;
import org.csrafiji.train.BatchSource;
import org.csrafiji.train.DatasetImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Training reads images the way evaluation does: a validation batch holds, value for value, the
 * input that {@code csra evaluate}'s {@link DatasetScorer} gives the model for the same files -
 * an RGB TIFF, a 16-bit TIFF whose values fill only part of the range (ImageIO, which training
 * used before, scales those by 65535, evaluation by the display range), and an 8-bit image with
 * a colour LUT. Equal inputs into the same network give the same scores, so the validation mAP
 * during training is the mAP {@code evaluate} reports for that checkpoint.
 */
class TrainingReadsLikeEvaluationTest {

	private static final int SIZE = 24;
	private static final InputSpec INPUT = new InputSpec(SIZE, new double[]{0.485, 0.456, 0.406},
		new double[]{0.229, 0.224, 0.225});
	private static final int PER = 3 * SIZE * SIZE;

	@TempDir
	Path dir;

	/** Keeps the input of every image it is given, in order. */
	private static final class Recorder implements BatchPredictor {

		final List<float[]> inputs = new ArrayList<>();

		@Override
		public FloatBuffer newInputBuffer(int batch) {
			return FloatBuffer.allocate(batch * PER);
		}

		@Override
		public List<double[]> scores(FloatBuffer input, int count) {
			List<double[]> out = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				float[] one = new float[PER];
				input.get(i * PER, one);
				inputs.add(one);
				out.add(new double[]{0});
			}
			return out;
		}
	}

	@Test
	void aValidationBatchHoldsTheInputOfEvaluate() throws Exception {
		Random r = new Random(8);
		ColorProcessor rgb = new ColorProcessor(37, 29);
		for (int p = 0; p < rgb.getPixelCount(); p++) {
			rgb.set(p, r.nextInt(0x1000000));
		}
		IJ.saveAsTiff(new ImagePlus("rgb", rgb), dir.resolve("rgb.tif").toString());
		ShortProcessor deep = new ShortProcessor(41, 33);
		for (int p = 0; p < deep.getPixelCount(); p++) {
			deep.set(p, 1000 + r.nextInt(2000));
		}
		deep.resetMinAndMax();
		IJ.saveAsTiff(new ImagePlus("deep", deep), dir.resolve("deep.tif").toString());
		byte[] red = new byte[256];
		byte[] green = new byte[256];
		byte[] blue = new byte[256];
		for (int i = 0; i < 256; i++) {
			red[i] = (byte) i;
			green[i] = (byte) (255 - i);
			blue[i] = (byte) (i * 7);
		}
		ByteProcessor indexed = new ByteProcessor(30, 30);
		for (int p = 0; p < indexed.getPixelCount(); p++) {
			indexed.set(p, r.nextInt(256));
		}
		indexed.setColorModel(new IndexColorModel(8, 256, red, green, blue));
		IJ.saveAsTiff(new ImagePlus("indexed", indexed), dir.resolve("indexed.tif").toString());
		Path labels = Files.writeString(dir.resolve("labels.csv"),
			"image,a\nrgb.tif,1\ndeep.tif,0\n"
				+ "indexed.tif,1\n");
		Dataset dataset = LabelCsvReader.read(labels, null);

		float[] validation = new BatchSource(dataset, INPUT, Augmentation.none(SIZE))
			.batch(List.of(0,
				1, 2), new Random(0))
			.pixels();

		Recorder model = new Recorder();
		try (PredictionsWriter writer = PredictionsWriter.open(dir.resolve("p.csv"),
			dataset.classes(),
			new ModelStamp("test", "none")))
		{
			new DatasetScorer(new ImageConverter(INPUT, DatasetImages.CONVERSION), model, 3, 1)
				.score(
					dataset.samples(), writer, DatasetProgress.silent());
		}
		assertEquals(3, model.inputs.size());
		for (int i = 0; i < 3; i++) {
			float[] one = new float[PER];
			System.arraycopy(validation, i * PER, one, 0, PER);
			// exactly equal: the same reader and the same conversion, float for float
			assertArrayEquals(model.inputs.get(i), one, dataset.samples().get(i).key());
		}
	}
}
