package org.csrafiji.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.process.ByteProcessor;

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
		ModelSpec spec = new ModelSpecBuilder().name("t").architecture("resnet18").size(32)
			.build(3);
		Path csv = dir.resolve("out/batch.csv");
		try (CsraModel model = CsraModel.random(spec, DeviceChoice.CPU, 7)) {
			BatchClassification.Request request = new BatchClassification.Request(files, in, csv,
				ALL_SLICES, 0.5);
			List<String> done = new ArrayList<>();
			BatchSummary first = BatchClassification.run(model, request, Progress.NONE, (key,
				ci) -> done.add(key));
			assertEquals(new BatchSummary(4, 0, 1, 0, false), first);
			assertEquals(List.of("f0.tif", "f1.tif", "f2.tif", "f3.tif"), done);

			// The reference: each file opened and classified on its own, on this thread, with no
			// input converted ahead. Same floats into the same single-image pass, so the written
			// scores (Float.toString, exact) must be identical.
			List<String> want = new ArrayList<>();
			for (Path f : files) {
				String key = in.relativize(f).toString();
				if (key.equals("f1b.tif")) {
					continue;
				}
				ClassifiedImage ci = ImageClassification.run(model, ImageFiles.open(f), ALL_SLICES,
					Progress.NONE);
				for (SlicePrediction sp : ci.slices()) {
					StringBuilder row = new StringBuilder(key + "," + sp.position().channel() + ","
						+ sp.position().slice() + "," + sp.position().frame());
					for (float s : sp.prediction().scores()) {
						row.append(',').append(s);
					}
					want.add(row.toString());
				}
			}
			List<String> lines = Files.readAllLines(csv);
			List<String> got = new ArrayList<>();
			String errorRow = null;
			for (String line : lines.subList(2, lines.size())) {
				String[] f = line.split(",", -1);
				if (f[0].equals("f1b.tif")) {
					errorRow = line;
					continue;
				}
				StringBuilder row = new StringBuilder(f[0] + "," + f[1] + "," + f[2] + "," + f[3]);
				for (int c = 6; c < f.length; c++) {
					row.append(',').append(f[c]);
				}
				got.add(row.toString());
			}
			assertEquals(6, want.size(), "three single images and a stack of three slices");
			assertEquals(want, got);
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
		ModelSpec spec = new ModelSpecBuilder().name("t").architecture("resnet18").size(32)
			.build(2);
		Path csv = dir.resolve("batch.csv");
		Progress cancelled = new Progress() {

			@Override
			public void progress(int done, int total, String item) {}

			@Override
			public void info(String message) {}

			@Override
			public void warn(String message) {}

			@Override
			public boolean isCancelled() {
				return true;
			}
		};
		try (CsraModel model = CsraModel.random(spec, DeviceChoice.CPU, 7)) {
			BatchSummary s = BatchClassification.run(model, new BatchClassification.Request(List.of(
				f), dir, csv, ConversionOptions.defaults(), 0.5), cancelled, (k, ci) -> {
				});
			assertEquals(new BatchSummary(0, 0, 0, 0, true), s);
			assertEquals(2, Files.readAllLines(csv).size(), "the model line and the header only");
		}
	}
}
