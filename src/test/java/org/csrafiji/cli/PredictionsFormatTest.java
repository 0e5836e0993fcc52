package org.csrafiji.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import ij.IJ;
import ij.ImagePlus;
import ij.process.ColorProcessor;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The labels.csv of {@code attention} is a predictions file: {@code evaluate --predictions} reads
 * it directly and gives exactly the metrics of {@code evaluate --dataset} running the same model
 * over the same images.
 */
class PredictionsFormatTest {

	private static final String CKPT = "src/test/resources/model/official_r18_h1.pth";

	/** The fixture's classes: a bare checkpoint gives generic names. */
	private static final int CLASSES = 5;

	@TempDir
	Path dir;

	private static String run(String... args) {
		ByteArrayOutputStream o = new ByteArrayOutputStream();
		ByteArrayOutputStream e = new ByteArrayOutputStream();
		int code = Main.run(List.of(args), new PrintStream(o, true, StandardCharsets.UTF_8),
			new PrintStream(e, true, StandardCharsets.UTF_8));
		assertEquals(0, code, e.toString(StandardCharsets.UTF_8));
		return o.toString(StandardCharsets.UTF_8);
	}

	@Test
	void attentionLabelsFeedEvaluateWithTheMetricsOfAModelRun() throws IOException {
		List<String> images = new ArrayList<>();
		StringBuilder labels = new StringBuilder("image");
		for (int c = 0; c < CLASSES; c++) {
			labels.append(",class").append(c);
		}
		labels.append('\n');
		Random r = new Random(12);
		for (int i = 0; i < 6; i++) {
			ColorProcessor cp = new ColorProcessor(96, 96);
			for (int p = 0; p < 96 * 96; p++) {
				cp.set(p, r.nextInt(0xffffff));
			}
			Path f = dir.resolve("img" + i + ".tif");
			IJ.saveAsTiff(new ImagePlus("img" + i, cp), f.toString());
			images.add(f.toString());
			labels.append("img").append(i).append(".tif");
			for (int c = 0; c < CLASSES; c++) {
				labels.append(',').append((i + c) % 3 == 0 ? 1 : 0);
			}
			labels.append('\n');
		}
		Path labelCsv = Files.writeString(dir.resolve("labels.csv"), labels);
		Path out = dir.resolve("attention");
		List<String> attention = new ArrayList<>(
			List.of("attention", "--checkpoint", CKPT, "--size",
				"96", "--out", out.toString()));
		attention.addAll(images);
		run(attention.toArray(String[]::new));

		String fromLabels = run("evaluate", "--predictions", out.resolve("labels.csv").toString(),
			"--labels", labelCsv.toString(), "--json");
		String fromModel = run("evaluate", "--checkpoint", CKPT, "--size", "96", "--dataset", "csv:"
			+ labelCsv, "--json");
		// Exactly equal: labels.csv holds each float score in its shortest exact decimal form
		// (Float.toString), which keeps the order of scores and their side of the threshold 0.5,
		// a float itself; AP depends only on that order, CP..OF1 only on that side.
		assertEquals(fromModel, fromLabels);
	}
}
