package org.csrafiji.app;

import org.csrafiji.train.DatasetImages;
import org.csrafiji.runtime.BatchPredictor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.IJ;
import ij.ImagePlus;
import ij.process.ColorProcessor;

import org.csrafiji.core.ClassLabels;
import org.csrafiji.core.ImageInputException;
import org.csrafiji.core.InputSpec;
import org.csrafiji.eval.CropBox;
import org.csrafiji.eval.LabelRow;
import org.csrafiji.eval.Predictions;
import org.csrafiji.eval.ModelStamp;
import org.csrafiji.eval.PredictionsCsv;
import org.csrafiji.eval.PredictionsWriter;
import org.csrafiji.eval.Sample;
import org.csrafiji.image.ConversionOptions;
import org.csrafiji.image.ImageConverter;

/**
 * {@link DatasetScorer} with a stand-in model whose scores are its input's channel means: each
 * row holds its own image's scores whatever the batch and thread count, crops are keyed apart,
 * and a resumed run sends only the missing images through the model.
 */
class DatasetScorerTest {

	private static final int SIZE = 16;
	private static final int PER = 3 * SIZE * SIZE;
	private static final ClassLabels CLASSES = new ClassLabels(List.of("r", "g", "b"));
	private static final ImageConverter CONVERTER = new ImageConverter(InputSpec.unitRange(SIZE),
		ConversionOptions.defaults());

	@TempDir
	Path dir;

	/** Scores each image by the mean of each of its three planes; counts images and batches. */
	private static class ChannelMeans implements BatchPredictor {

		final List<Integer> batches = new ArrayList<>();

		@Override
		public FloatBuffer newInputBuffer(int batch) {
			return ByteBuffer.allocateDirect(batch * PER * 4).order(ByteOrder.nativeOrder())
				.asFloatBuffer();
		}

		@Override
		public List<double[]> scores(FloatBuffer input, int count) {
			batches.add(count);
			List<double[]> out = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				out.add(means(input, i * PER));
			}
			return out;
		}

		int images() {
			return batches.stream().mapToInt(Integer::intValue).sum();
		}
	}

	private static double[] means(FloatBuffer chw, int offset) {
		double[] m = new double[3];
		for (int c = 0; c < 3; c++) {
			for (int k = 0; k < SIZE * SIZE; k++) {
				m[c] += chw.get(offset + c * SIZE * SIZE + k);
			}
			m[c] /= SIZE * SIZE;
		}
		return m;
	}

	private List<Sample> samples(int count) {
		Random random = new Random(5);
		List<Sample> out = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			ColorProcessor cp = new ColorProcessor(20 + 3 * i, 30 + i);
			for (int p = 0; p < cp.getPixelCount(); p++) {
				cp.set(p, random.nextInt(0x1000000) & (i % 2 == 0 ? 0xff00ff : 0x00ffff));
			}
			Path file = dir.resolve("s" + i + ".tif");
			IJ.saveAsTiff(new ImagePlus("s" + i, cp), file.toString());
			out.add(Sample.whole(file, LabelRow.allNegative(3)));
		}
		return out;
	}

	private DatasetScorer.Result score(List<Sample> samples, Path csv, BatchPredictor model,
		int batch,
		int threads)
	{
		try (PredictionsWriter writer = PredictionsWriter.open(csv, CLASSES,
			new ModelStamp("test", "none")))
		{
			return new DatasetScorer(CONVERTER, model, batch, threads).score(samples, writer,
				DatasetProgress.silent());
		}
	}

	private static double[] expected(Sample sample) {
		return expected(sample, CONVERTER);
	}

	private static double[] expected(Sample sample, ImageConverter converter) {
		float[] chw = converter.toChw(DatasetImages.open(sample), converter.positions(DatasetImages
			.open(sample)).get(0));
		return means(FloatBuffer.wrap(chw), 0);
	}

	@Test
	void eachRowHoldsItsOwnImagesScoresInBatchesOfAtMostTheBatchSize() {
		List<Sample> samples = samples(7);
		ChannelMeans model = new ChannelMeans();
		Path csv = dir.resolve("pred.csv");
		DatasetScorer.Result r = score(samples, csv, model, 3, 2);
		assertEquals(new DatasetScorer.Result(7, 0, 7), r);
		assertEquals(List.of(3, 3, 1), model.batches);
		Predictions p = PredictionsCsv.read(csv);
		assertEquals(samples.stream().map(Sample::key).toList(), p.keys());
		for (int i = 0; i < samples.size(); i++) {
			// the stand-in model and the expectation run the same Java float code on the same
			// pixels (IEEE strict, JEP 306): equal to the bit on any CPU; 1e-6 (17 u of a score
			// <= 1) only absorbs a float to double round trip
			assertArrayEquals(expected(samples.get(i)), p.scores().row(i), 1e-6, "sample " + i);
		}
	}

	@Test
	void aResumedRunSendsOnlyTheMissingImagesThroughTheModel() throws IOException {
		List<Sample> samples = samples(9);
		Path csv = dir.resolve("pred.csv");
		score(samples, csv, new ChannelMeans(), 4, 3);
		List<String> full = Files.readAllLines(csv);
		Files.write(csv, full.subList(0, 2 + 4)); // the model line, the header, four rows

		ChannelMeans again = new ChannelMeans();
		assertEquals(new DatasetScorer.Result(9, 4, 5), score(samples, csv, again, 4, 3));
		assertEquals(5, again.images());
		assertEquals(full, Files.readAllLines(csv));

		ChannelMeans none = new ChannelMeans();
		assertEquals(new DatasetScorer.Result(9, 9, 0), score(samples, csv, none, 4, 3));
		assertEquals(0, none.images());
	}

	@Test
	void cropsOfOneImageAreScoredApartUnderTheirOwnKeys() {
		Sample whole = samples(1).get(0);
		Sample left = new Sample("s0#0", whole.image(), Optional.of(new CropBox(0, 0, 10, 30)),
			whole.labels());
		Sample right = new Sample("s0#1", whole.image(), Optional.of(new CropBox(10, 0, 10, 30)),
			whole.labels());
		Path csv = dir.resolve("pred.csv");
		score(List.of(left, right), csv, new ChannelMeans(), 8, 1);
		Predictions p = PredictionsCsv.read(csv);
		assertEquals(List.of("s0#0", "s0#1"), p.keys());
		assertArrayEquals(expected(left), p.scores().row(0), 1e-6);
		assertArrayEquals(expected(right), p.scores().row(1), 1e-6);
		// not a tolerance: the two images' channel means differ by far more than rounding
		assertTrue(Math.abs(p.scores().row(0)[0] - p.scores().row(1)[0]) > 1e-4);
	}

	@Test
	void anImageTooSmallToClassifyIsAnErrorNamingTheSample() {
		Sample whole = samples(1).get(0);
		Sample tiny = new Sample("s0#3", whole.image(), Optional.of(new CropBox(2, 2, 4, 4)),
			whole.labels());
		ImageInputException e = assertThrows(ImageInputException.class,
			() -> score(List.of(tiny), dir
				.resolve("pred.csv"), new ChannelMeans(), 2, 1));
		assertTrue(e.getMessage().startsWith("Sample 's0#3' (" + whole.image() + ")"),
			e.getMessage());
	}

	@Test
	void smallCropsAreScoredWhenTheConverterAcceptsThem() throws IOException {
		// Dataset scoring (DatasetScorer.forModel) accepts crops of any size, as the official
		// WIDER pipeline does; the default converter refuses them (test above).
		Sample whole = samples(1).get(0);
		Sample tiny = new Sample("s0#3", whole.image(), Optional.of(new CropBox(2, 2, 4, 4)), whole
			.labels());
		Path csv = dir.resolve("pred.csv");
		ImageConverter lenient = new ImageConverter(InputSpec.unitRange(SIZE), ConversionOptions
			.defaults().withMinimumSide(1));
		try (PredictionsWriter writer = PredictionsWriter.open(csv, CLASSES,
			new ModelStamp("test", "none")))
		{
			new DatasetScorer(lenient, new ChannelMeans(), 2, 1).score(List.of(tiny), writer,
				DatasetProgress.silent());
		}
		Predictions p = PredictionsCsv.read(csv);
		assertEquals(List.of("s0#3"), p.keys());
		assertArrayEquals(expected(tiny, lenient), p.scores().row(0), 1e-6);
	}

	private static boolean readerThreadsAlive() {
		return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().startsWith(
			"csra-dataset-images") && t.isAlive());
	}

	@Test
	void theNextBatchIsReadWhileTheCurrentOneRuns() throws IOException {
		// During the first batch's forward the stand-in waits, then deletes the second batch's
		// files: only images already read ahead can still be scored. Reading after the forward
		// (as before pipelining) fails on the missing files.
		List<Sample> samples = samples(4);
		ChannelMeans model = new ChannelMeans() {

			@Override
			public List<double[]> scores(FloatBuffer input, int count) {
				if (batches.isEmpty()) {
					try {
						// Ample time to read two 16 x 16 TIFFs on a loaded machine.
						Thread.sleep(3000);
						Files.delete(samples.get(2).image());
						Files.delete(samples.get(3).image());
					}
					catch (InterruptedException | IOException e) {
						throw new IllegalStateException(e);
					}
				}
				return super.scores(input, count);
			}
		};
		List<double[]> want = samples.stream().map(DatasetScorerTest::expected).toList();
		Path csv = dir.resolve("pred.csv");
		assertEquals(new DatasetScorer.Result(4, 0, 4), score(samples, csv, model, 2, 2));
		Predictions p = PredictionsCsv.read(csv);
		for (int i = 0; i < 4; i++) {
			assertArrayEquals(want.get(i), p.scores().row(i), 1e-6, "sample " + i);
		}
		assertFalse(readerThreadsAlive());
	}

	@Test
	void anUnreadableImageStopsTheRunAfterTheBatchesBeforeItWithNoReaderLeft() throws IOException {
		List<Sample> samples = new ArrayList<>(samples(7));
		Files.writeString(samples.get(5).image(), "not an image");
		Path csv = dir.resolve("pred.csv");
		ChannelMeans model = new ChannelMeans();
		ImageInputException e = assertThrows(ImageInputException.class, () -> score(samples, csv,
			model, 2, 3));
		assertTrue(e.getMessage().contains("'" + samples.get(5).key() + "'"), e.getMessage());
		// Batches {0,1} and {2,3} ran and were written; the batch holding sample 5 did not run.
		assertEquals(List.of(2, 2), model.batches);
		assertEquals(samples.subList(0, 4).stream().map(Sample::key).toList(), PredictionsCsv.read(
			csv).keys());
		assertFalse(readerThreadsAlive());
	}
}
