package org.csrafiji.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;

import org.csrafiji.eval.CsvReader;
import org.csrafiji.eval.ModelStamp;
import org.csrafiji.fiji.command.BatchClassifyCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** "CSRA Batch Classify" through a real SciJava Context and CommandService. */
class BatchClassifyCommandTest extends ContextTestBase {

	private static Path folder(Path dir) throws Exception {
		Path in = Files.createDirectories(dir.resolve("in"));
		IJ.saveAsTiff(FijiFixtures.image(ImagePlus.GRAY8, 64, 48, 1, 1), in.resolve("a.tif")
			.toString());
		IJ.saveAsTiff(FijiFixtures.image(ImagePlus.GRAY16, 50, 70, 1, 2), in.resolve("b.tif")
			.toString());
		Files.writeString(in.resolve("broken.tif"), "this is not a TIFF");
		Path sub = Files.createDirectories(in.resolve("sub"));
		IJ.saveAsTiff(FijiFixtures.image(ImagePlus.COLOR_RGB, 40, 40, 1, 3), sub.resolve("c.tif")
			.toString());
		Files.writeString(in.resolve("notes.txt"), "not matched");
		return in;
	}

	private static Ran batch(Path in, Path csv, boolean recursive, File attention)
		throws Exception
	{
		Ran m = FijiFixtures.run(ctx, BatchClassifyCommand.class, "input_dir", in
			.toFile(), "recursive", recursive, "file_pattern", "*.tif", "output_csv", csv.toFile(),
			"attention_dir", attention, "threshold", 0.001);
		assertFalse(m.isCanceled(), m.getCancelReason());
		return m;
	}

	/** @return the CSV's records after the model line, header first, read by the project's reader */
	static List<List<String>> records(Path csv) {
		List<List<String>> rows = new ArrayList<>();
		try (CsvReader in = CsvReader.open(csv)) {
			for (CsvReader.Record r; (r = in.next()) != null;) {
				rows.add(r.fields());
			}
		}
		assertEquals(ModelStamp.TAG, rows.get(0).get(0), "the first line names the model");
		return rows.subList(1, rows.size());
	}

	@Test
	void writesARowPerFileAndAnErrorRowForAnUnreadableOne(@TempDir Path dir) throws Exception {
		Path in = folder(dir);
		Path csv = dir.resolve("out/results.csv");
		Ran m = batch(in, csv, true, null);
		assertEquals(3, m.getOutput("classified"));
		assertEquals(1, m.getOutput("failed"));
		List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
		assertTrue(lines.get(0).startsWith("#csra-model,name=r18_h1,checkpoint_sha256="), lines.get(0));
		assertEquals("file,c,z,t,labels,error," + String.join(",", FijiFixtures.CLASSES), lines
			.get(1));
		List<List<String>> rows = records(csv);
		assertEquals(5, rows.size(), rows.toString());
		List<String> a = rows.get(1);
		assertEquals("a.tif", a.get(0));
		assertEquals(List.of("1", "1", "1"), a.subList(1, 4));
		assertEquals(5, a.get(4).split(";").length, "threshold 0.001 predicts every class");
		assertEquals("", a.get(5));
		assertEquals(11, a.size());
		List<String> broken = rows.get(3);
		assertEquals("broken.tif", broken.get(0));
		assertFalse(broken.get(5).isEmpty());
		assertEquals("sub/c.tif", rows.get(4).get(0));
	}

	@Test
	void aSecondRunSkipsWhatTheCsvHasAndACutRowIsRedone(@TempDir Path dir) throws Exception {
		Path in = folder(dir);
		Path csv = dir.resolve("results.csv");
		batch(in, csv, false, null);
		List<String> full = Files.readAllLines(csv);
		assertEquals(5, full.size(), "model line, header, not recursive: a, b, broken");
		String text = Files.readString(csv);
		Files.writeString(csv, text.substring(0, text.length() - 7)); // cut the last row
		Ran m = batch(in, csv, false, null);
		assertEquals(1, (int) m.getOutput("classified") + (int) m.getOutput("failed"));
		assertEquals(2, m.getOutput("skipped"));
		assertEquals(full.size(), Files.readAllLines(csv).size());
		assertTrue(Files.readString(csv).endsWith("\n"));
		m = batch(in, csv, false, null);
		assertEquals(2, m.getOutput("skipped"), "a.tif and b.tif; broken.tif failed and is retried");
		assertEquals(1, m.getOutput("failed"));
		assertEquals(full.size(), Files.readAllLines(csv).size());
	}

	@Test
	void writesAnAttentionTiffPerFile(@TempDir Path dir) throws Exception {
		Path in = folder(dir);
		Path att = dir.resolve("attention");
		batch(in, dir.resolve("r.csv"), true, att.toFile());
		ImagePlus a = IJ.openImage(att.resolve("a.tif.attention.tif").toString());
		assertEquals(5, a.getStackSize());
		assertEquals(64, a.getWidth());
		assertEquals(48, a.getHeight());
		assertEquals(ImagePlus.GRAY32, a.getType());
		assertTrue(Files.exists(att.resolve("sub_c.tif.attention.tif")));
	}

	@Test
	void aCsvFromAnotherModelIsNotAppendedTo(@TempDir Path dir) throws Exception {
		Path in = folder(dir);
		Path csv = dir.resolve("other.csv");
		Files.writeString(csv, "file,score\nx.tif,1\n");
		Ran m = FijiFixtures.run(ctx, BatchClassifyCommand.class, "input_dir", in
			.toFile(), "recursive", false, "file_pattern", "*.tif", "output_csv", csv.toFile(),
			"attention_dir", null);
		assertTrue(m.isCanceled());
		assertEquals("file,score\nx.tif,1\n", Files.readString(csv));
	}
}
