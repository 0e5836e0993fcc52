package org.csrafiji.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.csrafiji.core.ClassLabels;
import org.csrafiji.core.CsraException;
import org.csrafiji.core.OutputFileException;
import org.csrafiji.core.OutputLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Output CSVs that are locked, name their model, read back any name exactly, are read as a
 * stream, and can always be resumed or replaced after a stopped run.
 */
class ResumableCsvTest {

	static final ModelStamp MODEL = new ModelStamp("demo", "ab".repeat(32));

	/** Class names a spreadsheet would run, or that break naive CSV code. */
	private static final ClassLabels CLASSES = new ClassLabels(List.of("=cmd|' /C calc'!A0", "+x",
		"@y", "-z", "a,\"b\"", "line\nbreak"));

	@TempDir
	Path dir;

	private static double[] scores(int i) {
		double[] s = new double[CLASSES.size()];
		for (int c = 0; c < s.length; c++) {
			s[c] = (i * 7 + c) / 100.0;
		}
		return s;
	}

	@Test
	void hostileNamesReadBackExactlyAndResumeFindsThem() throws IOException {
		Path csv = dir.resolve("pred.csv");
		List<String> names = List.of("=HYPERLINK(\"x\")", "new\nline", "carriage\rreturn", "@at",
			"-Tab\t", "'=quoted", "a,b", "+blank");
		try (PredictionsWriter w = PredictionsWriter.open(csv, CLASSES, MODEL)) {
			for (int i = 0; i < names.size(); i++) {
				w.append(names.get(i) + ".png", scores(i));
			}
		}
		Predictions p = PredictionsCsv.read(csv);
		assertEquals(CLASSES, p.scores().classes());
		assertEquals(names, p.keys());
		assertArrayEquals(scores(3), p.scores().row(3), 0);
		try (PredictionsWriter w = PredictionsWriter.open(csv, CLASSES, MODEL)) {
			assertEquals(Set.copyOf(names), w.written());
			assertEquals(List.of(), w.notes());
		}
		String text = Files.readString(csv);
		assertFalse(
			text.contains("\n=") || text.contains(",=") || text.contains(",@") || text.contains(
				"\n@") || text.contains(",+") || text.contains(",-z"),
			text);
		assertTrue(
			text.startsWith("#csra-model,name=demo,checkpoint_sha256=" + "ab".repeat(32) + "\n"
				+ "image,'=cmd|' /C calc'!A0,'+x,'@y,'-z,\"a,\"\"b\"\"\",\"line\nbreak\"\n"),
			text);
	}

	@Test
	void aSecondWriterInThisProcessIsRefusedNamingTheFirst() throws IOException {
		Path csv = dir.resolve("pred.csv");
		try (PredictionsWriter first = PredictionsWriter.open(csv, CLASSES, MODEL)) {
			first.append("a.png", scores(0));
			CsraException e = assertThrows(CsraException.class,
				() -> PredictionsWriter.open(csv, CLASSES,
					MODEL));
			assertTrue(
				e.getMessage().contains("being written by another run (process " + ProcessHandle
					.current().pid() + " on "),
				e.getMessage());
			assertTrue(e.getMessage().contains("choose another output file"), e.getMessage());
			first.append("b.png", scores(1));
		}
		assertFalse(Files.exists(OutputLock.lockFileOf(csv)), "the lock file goes with the lock");
		try (PredictionsWriter again = PredictionsWriter.open(csv, CLASSES, MODEL)) {
			assertEquals(Set.of("a", "b"), again.written());
		}
		assertEquals(List.of("a", "b"), PredictionsCsv.read(csv).keys());
	}

	@Test
	void aSecondProcessIsRefusedWhileTheFirstWritesAndResumesAfterIt() throws Exception {
		Path csv = dir.resolve("pred.csv");
		Process holder = WriterProbe.start("hold", csv, 2, "64m");
		try (BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(),
			StandardCharsets.UTF_8)))
		{
			assertEquals("open", out.readLine());
			CsraException e = assertThrows(CsraException.class, () -> PredictionsWriter.open(csv,
				ClassLabels.generic(2), MODEL));
			assertTrue(e.getMessage().contains("(process " + holder.pid() + " on "),
				e.getMessage());
			holder.getOutputStream().close();
			assertTrue(holder.waitFor(60, TimeUnit.SECONDS));
			assertEquals(0, holder.exitValue());
		}
		try (PredictionsWriter w = PredictionsWriter.open(csv, ClassLabels.generic(2), MODEL)) {
			w.append("x.png", new double[]{0.5, 0.25});
		}
		assertEquals(List.of("x"), PredictionsCsv.read(csv).keys());
	}

	@Test
	void aKilledWritersLockFileIsTakenOver() throws Exception {
		Path csv = dir.resolve("pred.csv");
		Process holder = WriterProbe.start("hold", csv, 2, "64m");
		try (BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(),
			StandardCharsets.UTF_8)))
		{
			assertEquals("open", out.readLine());
			holder.destroyForcibly();
			assertTrue(holder.waitFor(60, TimeUnit.SECONDS));
		}
		assertTrue(Files.exists(OutputLock.lockFileOf(csv)), "kill -9 leaves the lock file");
		try (PredictionsWriter w = PredictionsWriter.open(csv, ClassLabels.generic(2), MODEL)) {
			assertEquals(Set.of(), w.written());
		}
	}

	@Test
	void resumingWithAnotherModelIsRefused() {
		Path csv = dir.resolve("pred.csv");
		try (PredictionsWriter w = PredictionsWriter.open(csv, CLASSES, MODEL)) {
			w.append("a.png", scores(0));
		}
		ModelStamp other = new ModelStamp("demo", "cd".repeat(32));
		OutputFileException e = assertThrows(OutputFileException.class,
			() -> PredictionsWriter.open(csv, CLASSES,
				other));
		assertTrue(e.getMessage().contains("holds results of model 'demo' (checkpoint SHA-256 abab")
			&& e.getMessage().contains("not of model 'demo' (checkpoint SHA-256 cdcd"),
			e.getMessage());
		assertTrue(e.getMessage().contains("delete this one to start over"), e.getMessage());
		assertThrows(OutputFileException.class,
			() -> PredictionsWriter.open(csv, CLASSES, new ModelStamp(
				"other", MODEL.checkpointSha256())));
		assertFalse(Files.exists(OutputLock.lockFileOf(csv)), "a refusal releases the lock");
	}

	@Test
	void aFileOfAnOlderVersionIsReadAndResumedWithANote() throws IOException {
		Path csv = Files.writeString(dir.resolve("pred.csv"), "image,cat,dog\na.png,0.1,0.2\n");
		assertEquals(List.of("a"), PredictionsCsv.read(csv).keys());
		ClassLabels classes = new ClassLabels(List.of("cat", "dog"));
		try (PredictionsWriter w = PredictionsWriter.open(csv, classes, MODEL)) {
			assertEquals(Set.of("a"), w.written());
			assertTrue(w.notes().get(0).contains("does not record which model wrote it"), w.notes()
				.toString());
			w.append("b.png", new double[]{0.3, 0.4});
		}
		assertEquals(List.of("#csra-model,name=demo,checkpoint_sha256=" + MODEL.checkpointSha256(),
			"image,cat,dog", "a.png,0.1,0.2", "b.png,0.3,0.4"), Files.readAllLines(csv));
	}

	@Test
	void anUnfinishedRowInsideAQuotedNameIsCutAndRedone() throws IOException {
		Path csv = dir.resolve("pred.csv");
		try (PredictionsWriter w = PredictionsWriter.open(csv, CLASSES, MODEL)) {
			w.append("a.png", scores(0));
		}
		// (the header spans lines 2 and 3) a stopped run's row, cut just after the line break inside its quoted name
		Files.writeString(csv, "\"b\n", StandardOpenOption.APPEND);
		try (PredictionsWriter w = PredictionsWriter.open(csv, CLASSES, MODEL)) {
			assertEquals(Set.of("a"), w.written());
			assertTrue(w.notes().get(0).contains("removed an unfinished last row (line 5)"),
				w.notes()
					.toString());
			w.append("b\nc.png", scores(1));
		}
		assertEquals(List.of("a", "b\nc"), PredictionsCsv.read(csv).keys());
	}

	@Test
	void aHalfWrittenHeaderIsReplacedAndAForeignFileRefused() throws IOException {
		Path csv = dir.resolve("pred.csv");
		Files.writeString(csv, "#csra-model,name=demo,checkpoint_sha256=abab");
		try (PredictionsWriter w = PredictionsWriter.open(csv, CLASSES, MODEL)) {
			assertTrue(w.notes().get(0).contains("unfinished start of a header"),
				w.notes().toString());
		}
		assertEquals(List.of(), PredictionsCsv.read(csv).keys());
		Path foreign = Files.writeString(dir.resolve("notes.csv"), "my precious notes");
		OutputFileException e = assertThrows(OutputFileException.class,
			() -> PredictionsWriter.open(foreign,
				CLASSES, MODEL));
		assertTrue(e.getMessage().contains("not one this program began"), e.getMessage());
		assertEquals("my precious notes", Files.readString(foreign));
	}

	@Test
	void repeatedRowsOfTwoEarlierWritersAreRefusedAtOnceSayingHowToGoOn() throws IOException {
		Path csv = Files.writeString(dir.resolve("pred.csv"),
			"image,cat\na.png,0.1\nb.png,0.2\na.png,0.1\n");
		OutputFileException e = assertThrows(OutputFileException.class,
			() -> PredictionsWriter.open(csv,
				new ClassLabels(List.of("cat")), MODEL));
		assertTrue(e.getMessage().contains("line 4") && e.getMessage().contains("two runs may have"
			+ " written this file at once") && e.getMessage().contains("delete"), e.getMessage());
	}

	@Test
	void failedRowsAreRemovedAndCountedAsRetried() throws IOException {
		Path csv = dir.resolve("batch.csv");
		List<String> header = List.of("file", "error", "score");
		ResumableCsv.Layout layout = new ResumableCsv.Layout(header, k -> k, 1, false);
		try (ResumableCsv out = ResumableCsv.open(csv, MODEL, layout)) {
			out.append(List.of(List.of("a.tif", "", "0.5"), List.of("a.tif", "", "0.6")));
			out.append(List.of(List.of("=bad.tif", "cannot open", "")));
			out.append(List.of(List.of("c.tif", "", "0.7")));
			assertEquals(Set.of("a.tif", "c.tif"), out.done());
		}
		try (ResumableCsv out = ResumableCsv.open(csv, MODEL, layout)) {
			assertEquals(1, out.retried());
			assertTrue(out.notes().get(0).contains("retrying 1 file that failed before"),
				out.notes()
					.toString());
			assertFalse(out.contains("=bad.tif"));
			out.append(List.of(List.of("=bad.tif", "", "0.9")));
		}
		List<List<String>> rows = new ArrayList<>();
		try (CsvReader in = CsvReader.open(csv)) {
			for (CsvReader.Record r; (r = in.next()) != null;) {
				rows.add(r.fields());
			}
		}
		assertEquals(
			List.of(header, List.of("a.tif", "", "0.5"), List.of("a.tif", "", "0.6"), List.of(
				"c.tif", "", "0.7"), List.of("=bad.tif", "", "0.9")),
			rows.subList(1, rows.size()));
		try (ResumableCsv out = ResumableCsv.open(csv, MODEL, layout)) {
			assertEquals(0, out.retried());
		}
	}

	/**
	 * A 100 MB file resumed in a process whose heap (48 MB) could not hold it: the file is read
	 * as a stream and only the keys are kept.
	 */
	@Test
	void aFileLargerThanTheHeapIsResumedInBoundedMemory() throws Exception {
		Path csv = dir.resolve("big.csv");
		int classes = 4000;
		int rows = 2500;
		try (BufferedWriter out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
			List<String> header = new ArrayList<>(List.of("image"));
			header.addAll(ClassLabels.generic(classes).names());
			out.write(Csv.row(MODEL.fields()) + "\n" + Csv.row(header) + "\n");
			for (int i = 0; i < rows; i++) {
				out.write("image" + i + ".png");
				for (int c = 0; c < classes; c++) {
					out.write(",0.123456789");
				}
				out.write('\n');
			}
		}
		assertTrue(Files.size(csv) > 2 * 48 << 20, "the file is larger than the child's heap");
		Process resume = WriterProbe.start("resume", csv, classes, "48m");
		String output = new String(resume.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertTrue(resume.waitFor(120, TimeUnit.SECONDS));
		assertEquals("done " + rows, output.strip());
		assertEquals(0, resume.exitValue(), output);
	}
}
