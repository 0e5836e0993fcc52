package org.csrafiji.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import ij.IJ;
import ij.ImagePlus;

import org.csrafiji.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CSV of CSRA Batch Classify is a predictions file: {@code evaluate --predictions} reads it
 * directly (its model line, its {@code file,c,z,t,labels,error} columns; a row with an error left
 * out) and gives the metrics of the plain {@code image,<class...>} file holding the same scores.
 */
class BatchCsvFeedsEvaluateTest extends ContextTestBase {

	private static String evaluate(String predictions, Path labels) {
		ByteArrayOutputStream o = new ByteArrayOutputStream();
		ByteArrayOutputStream e = new ByteArrayOutputStream();
		int code = Main.run(List.of("evaluate", "--predictions", predictions, "--labels", labels
			.toString(), "--json"), new PrintStream(o, true, StandardCharsets.UTF_8),
			new PrintStream(e,
				true, StandardCharsets.UTF_8));
		assertEquals(0, code, e.toString(StandardCharsets.UTF_8));
		return o.toString(StandardCharsets.UTF_8);
	}

	@Test
	void theBatchCsvFeedsEvaluateDirectly(@TempDir Path dir) throws Exception {
		Path in = Files.createDirectories(dir.resolve("in"));
		StringBuilder labels = new StringBuilder("image," + String.join(",", FijiFixtures.CLASSES)
			+ "\n");
		for (int i = 0; i < 5; i++) {
			IJ.saveAsTiff(FijiFixtures.image(ImagePlus.GRAY8, 48, 48, 1, 70 + i), in.resolve("f" + i
				+ ".tif").toString());
			labels.append("f").append(i).append(".tif");
			for (int c = 0; c < FijiFixtures.CLASSES.size(); c++) {
				labels.append(',').append((i + c) % 2);
			}
			labels.append('\n');
		}
		Files.writeString(in.resolve("broken.tif"), "not an image"); // gets a row with an error
		Path labelCsv = Files.writeString(dir.resolve("labels.csv"), labels);
		Path batchCsv = dir.resolve("batch.csv");
		BatchTask.run(ctx.service(CsraService.class), BatchSettings.of(in.toFile(),
			false, "*.tif", batchCsv.toFile(), null),
			ClassifySettings.of(FijiFixtures.spec(
				"r18_h1.json"), "cpu", 0.5, false, false, ClassifySettings.DISPLAY_RANGE),
			Feedback.none());
		List<String> lines = Files.readAllLines(batchCsv);
		assertTrue(lines.get(1).startsWith("file,c,z,t,labels,error,"), lines.get(1));
		assertTrue(lines.stream().anyMatch(l -> l.startsWith("broken.tif,")), "an error row");

		// The same scores as a plain predictions file, cut out of the batch CSV by the test
		// (no field here needs quoting: plain names and numbers).
		StringBuilder plain = new StringBuilder("image," + String.join(",", FijiFixtures.CLASSES)
			+ "\n");
		for (String line : lines.subList(2, lines.size())) {
			String[] f = line.split(",", -1);
			if (f[5].isEmpty()) {
				plain.append(f[0]);
				for (int c = 6; c < f.length; c++) {
					plain.append(',').append(f[c]);
				}
				plain.append('\n');
			}
		}
		Path plainCsv = Files.writeString(dir.resolve("plain.csv"), plain);
		assertEquals(evaluate(plainCsv.toString(), labelCsv),
			evaluate(batchCsv.toString(), labelCsv));
	}
}
