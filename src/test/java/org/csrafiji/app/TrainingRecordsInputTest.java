package org.csrafiji.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.process.ShortProcessor;

import org.csrafiji.cli.Main;
import org.csrafiji.core.InputSpec;
import org.csrafiji.core.ModelSpec;
import org.csrafiji.core.ModelSpecs;
import org.csrafiji.eval.Dataset;
import org.csrafiji.eval.LabelCsvReader;
import org.csrafiji.image.ConversionOptions;
import org.csrafiji.image.ImageConverter;
import org.csrafiji.image.ImageFiles;
import org.csrafiji.runtime.CsraModel;
import org.csrafiji.runtime.DeviceChoice;
import org.csrafiji.runtime.ModelLoader;
import org.csrafiji.train.Augmentation;
import org.csrafiji.train.BatchSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model trained with {@code --channels} and {@code --percentiles} records them in its spec, and
 * classifying with that spec (no conversion options given) feeds the network exactly the input
 * training fed it: the scores equal those of the validation batch's input, and differ from what
 * a spec without those fields gives.
 */
class TrainingRecordsInputTest {

	private static final int SIZE = 32;

	/** A 16-bit image of three channels, each with its own range of values. */
	private static ImagePlus threeChannels(long seed) {
		Random r = new Random(seed);
		ImageStack stack = new ImageStack(40, 36);
		for (int c = 0; c < 3; c++) {
			ShortProcessor ip = new ShortProcessor(40, 36);
			for (int p = 0; p < ip.getPixelCount(); p++) {
				ip.set(p, 100 * (c + 1) + r.nextInt(500 * (c + 1)));
			}
			stack.addSlice("c" + c, ip);
		}
		ImagePlus imp = new ImagePlus("img" + seed, stack);
		imp.setDimensions(3, 1, 1);
		return imp;
	}

	@Test
	void theTrainedSpecCarriesChannelsAndPercentilesAndClassifyUsesThem(@TempDir Path dir)
		throws Exception
	{
		StringBuilder labels = new StringBuilder("image,a,b\n");
		for (int i = 0; i < 4; i++) {
			IJ.saveAsTiff(threeChannels(i), dir.resolve("i" + i + ".tif").toString());
			labels.append("i").append(i).append(".tif,").append(i % 2).append(',').append(1 - i % 2)
				.append('\n');
		}
		Path csv = Files.writeString(dir.resolve("labels.csv"), labels);
		Path out = dir.resolve("run");
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int rc = Main.run(List.of("train", "--data", csv.toString(), "--out", out.toString(),
			"--arch", "resnet18", "--base-width", "4", "--size", String.valueOf(SIZE), "--epochs",
			"1",
			"--batch", "2", "--lr", "0.001", "--device", "cpu", "--channels", "2,1,0",
			"--percentiles",
			"1,99.8"), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
			new PrintStream(err, true, StandardCharsets.UTF_8));
		assertEquals(0, rc, err.toString(StandardCharsets.UTF_8));

		ModelSpec spec = ModelSpecs.read(out.resolve("best.json"));
		assertArrayEquals(new int[]{2, 1, 0}, spec.input().channels());
		assertArrayEquals(new double[]{1, 99.8}, spec.input().percentiles());

		// The input training's validation gave the network for the first image.
		Dataset dataset = LabelCsvReader.read(csv, null);
		int per = 3 * SIZE * SIZE;
		float[] trained = Arrays.copyOf(new BatchSource(dataset, spec.input(), Augmentation.none(
			SIZE)).batch(List.of(0), new Random(0)).pixels(), per);

		try (CsraModel model = ModelLoader.load(spec, DeviceChoice.CPU)) {
			ClassifiedImage classified = ImageClassification.run(model, ImageFiles.open(dir.resolve(
				"i0.tif")), ConversionOptions.defaults(), Progress.NONE);
			// The same floats through the same single-image forward pass: equal, not just close.
			assertArrayEquals(model.predict(trained).scores(), classified.slices().get(0)
				.prediction().scores());
		}
		InputSpec plain = new InputSpec(SIZE, spec.input().mean(), spec.input().std());
		float[] withoutFields = new float[per];
		ImagePlus imp = ImageFiles.open(dir.resolve("i0.tif"));
		ImageConverter converter = new ImageConverter(plain, ConversionOptions.defaults());
		converter.toChw(imp, converter.positions(imp).get(0), java.nio.FloatBuffer.wrap(
			withoutFields));
		assertFalse(Arrays.equals(trained, withoutFields),
			"a spec without channels and percentiles converts differently");
	}
}
