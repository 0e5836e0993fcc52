package org.csrafiji.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.process.ByteProcessor;

import org.csrafiji.core.Float32Tolerance;
import org.csrafiji.core.ModelSpec;
import org.csrafiji.core.ModelSpecBuilder;
import org.csrafiji.image.ConversionOptions;
import org.csrafiji.image.ImageFiles;
import org.csrafiji.runtime.CsraModel;
import org.csrafiji.runtime.DeviceChoice;
import org.csrafiji.runtime.SlicePrediction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The batch use case with its pipelined reading: every file gets the scores that classifying it
 * alone gives (a stack slice by slice), an unreadable file in the middle gets an error row and
 * the files after it are still classified, and a second run skips the files done and retries
 * the one that failed.
 */
class BatchClassificationTest {

	private static final ConversionOptions ALL_SLICES = ConversionOptions.defaults()
		.withAllSlices(true);

	private static final ModelSpec SPEC = new ModelSpecBuilder().name("t").architecture(
		"resnet18").size(32).build(3);

	/** A Cancel button pressed once this many files were reported. */
	private static final class CancelAfter implements Progress {

		private final int files;
		private final java.util.concurrent.atomic.AtomicInteger reported = new java.util.concurrent.atomic.AtomicInteger();

		CancelAfter(int files) {
			this.files = files;
		}

		@Override
		public void progress(int done, int total, String item) {
			if (item.startsWith("file ")) {
				reported.incrementAndGet();
			}
		}

		@Override
		public void info(String message) {}

		@Override
		public void warn(String message) {}

		@Override
		public boolean isCancelled() {
			return reported.get() >= files;
		}
	}

	/** Writes single-image TIFFs {@code f0.tif, f1.tif, ...} of seeds from {@code seed}. */
	private static List<Path> tiffs(Path in, int n, long seed) throws Exception {
		List<Path> files = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			Path f = in.resolve("f" + i + ".tif");
			IJ.saveAsTiff(image(1, seed + i), f.toString());
			files.add(f);
		}
		return files;
	}

	private static ImagePlus image(int slices, long seed) {
		Random r = new Random(seed);
		ImageStack stack = new ImageStack(40, 30);
		for (int s = 0; s < slices; s++) {
			ByteProcessor ip = new ByteProcessor(40, 30);
			for (int i = 0; i < 40 * 30; i++) {
				ip.set(i, r.nextInt(256));
			}
			stack.addSlice("s" + s, ip);
		}
		return new ImagePlus("img" + seed, stack);
	}

	@Test
	void pipelinedBatchGivesEachFileItsOwnScoresAndErrorRows(@TempDir Path dir)
		throws Exception
	{
		Path in = Files.createDirectories(dir.resolve("in"));
		List<Path> files = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			Path f = in.resolve("f" + i + ".tif");
			IJ.saveAsTiff(image(i == 1 ? 3 : 1, 10 + i), f.toString());
			files.add(f);
			if (i == 1) {
				Path broken = Files.writeString(in.resolve("f1b.tif"), "not an image");
				files.add(broken);
			}
		}
		Path csv = dir.resolve("out/batch.csv");
		try (CsraModel model = CsraModel.random(SPEC, DeviceChoice.CPU, 7)) {
			BatchClassification.Request request = new BatchClassification.Request(files, in, csv,
				ALL_SLICES, 0.5);
			List<String> done = new ArrayList<>();
			BatchSummary first = BatchClassification.run(model, request, Progress.NONE, (key,
				ci) -> done.add(key));
			assertEquals(new BatchSummary(4, 0, 1, 0, false), first);
			assertEquals(List.of("f0.tif", "f1.tif", "f2.tif", "f3.tif"), done);

			// The reference: each file opened and classified on its own, on this thread, with no
			// input converted ahead. The batch runs its passes on lanes with a share of the
			// engine's threads (PassLanes), and a single-threaded convolution may sum in another
			// order than a multi-threaded one: logits then differ by the float32 bound of the
			// network (Float32Tolerance: ResNet-18 plus the head's 512-long sums) times their
			// scale, and a sigmoid's slope is at most 1/4.
			double tol = Float32Tolerance.ofNetwork(Float32Tolerance.resnet(18, 64) + 512);
			List<String> want = new ArrayList<>();
			List<float[]> wantScores = new ArrayList<>();
			List<Double> scales = new ArrayList<>();
			for (Path f : files) {
				String key = in.relativize(f).toString();
				if (key.equals("f1b.tif")) {
					continue;
				}
				ClassifiedImage ci = ImageClassification.run(model, ImageFiles.open(f), ALL_SLICES,
					Progress.NONE);
				for (SlicePrediction sp : ci.slices()) {
					want.add(key + "," + sp.position().channel() + "," + sp.position().slice() + ","
						+ sp.position().frame());
					wantScores.add(sp.prediction().scores());
					double scale = 0;
					for (float l : sp.prediction().logits()) {
						scale = Math.max(scale, Math.abs(l));
					}
					scales.add(scale);
				}
			}
			List<String> lines = Files.readAllLines(csv);
			List<String> got = new ArrayList<>();
			List<float[]> gotScores = new ArrayList<>();
			String errorRow = null;
			for (String line : lines.subList(2, lines.size())) {
				String[] f = line.split(",", -1);
				if (f[0].equals("f1b.tif")) {
					errorRow = line;
					continue;
				}
				got.add(f[0] + "," + f[1] + "," + f[2] + "," + f[3]);
				float[] scores = new float[f.length - 6];
				for (int c = 6; c < f.length; c++) {
					scores[c - 6] = Float.parseFloat(f[c]);
				}
				gotScores.add(scores);
			}
			assertEquals(6, want.size(), "three single images and a stack of three slices");
			assertEquals(want, got, "one row per file and slice, in the files' order");
			for (int r = 0; r < want.size(); r++) {
				for (int c = 0; c < 3; c++) {
					assertEquals(wantScores.get(r)[c], gotScores.get(r)[c], 0.25 * tol * scales.get(
						r) + 1e-7, want.get(r) + ", class " + c);
				}
			}
			// Rows are not mixed up: the files differ, so would their scores.
			assertTrue(gotScores.get(0)[0] != gotScores.get(1)[0]);
			assertTrue(errorRow != null && !errorRow.split(",", -1)[5].isEmpty(),
				"the unreadable file has a row with an error: " + errorRow);

			// Resumed: the four files done are skipped, the failed one is tried (and fails) again.
			BatchSummary second = BatchClassification.run(model, request, Progress.NONE, (key,
				ci) -> done.add(key));
			assertEquals(new BatchSummary(0, 4, 1, 1, false), second);
			assertEquals(lines.size(), Files.readAllLines(csv).size());
		}
	}

	@Test
	void cancelledBeforeTheFirstFileWritesNoRow(@TempDir Path dir) throws Exception {
		Path f = dir.resolve("a.tif");
		IJ.saveAsTiff(image(1, 3), f.toString());
		Path csv = dir.resolve("batch.csv");
		Progress cancelled = new CancelAfter(0);
		try (CsraModel model = CsraModel.random(SPEC, DeviceChoice.CPU, 7)) {
			BatchSummary s = BatchClassification.run(model, new BatchClassification.Request(List.of(
				f), dir, csv, ConversionOptions.defaults(), 0.5), cancelled, (k, ci) -> {
				});
			assertEquals(new BatchSummary(0, 0, 0, 0, true), s);
			assertEquals(2, Files.readAllLines(csv).size(), "the model line and the header only");
		}
	}

	/**
	 * Cancel while files run side by side: the files completed are kept (written whole), the
	 * others are not written, and the resumed batch classifies exactly the rest.
	 */
	@Test
	void cancelledMidBatchKeepsWholeFilesAndTheResumedBatchDoesTheRest(@TempDir Path dir)
		throws Exception
	{
		Path in = Files.createDirectories(dir.resolve("in"));
		List<Path> files = tiffs(in, 8, 20);
		Path csv = dir.resolve("batch.csv");
		Progress cancelAfterTwo = new CancelAfter(2);
		try (CsraModel model = CsraModel.random(SPEC, DeviceChoice.CPU, 7)) {
			BatchClassification.Request request = new BatchClassification.Request(files, in, csv,
				ConversionOptions.defaults(), 0.5);
			BatchSummary first = BatchClassification.run(model, request, cancelAfterTwo, (k,
				ci) -> {
			});
			assertTrue(first.cancelled());
			assertTrue(first.classified() >= 2 && first.classified() < 8, first.toString());
			BatchSummary second = BatchClassification.run(model, request, Progress.NONE, (k,
				ci) -> {
			});
			assertEquals(new BatchSummary(8 - first.classified(), first.classified(), 0, 0,
				false), second);
			List<String> lines = Files.readAllLines(csv);
			assertEquals(2 + 8, lines.size(), "the model line, the header and a row per file");
			List<String> keys = new ArrayList<>();
			for (String line : lines.subList(2, lines.size())) {
				keys.add(line.split(",", -1)[0]);
			}
			assertEquals(8, new java.util.HashSet<>(keys).size(), "every file once: " + keys);
		}
	}
}
