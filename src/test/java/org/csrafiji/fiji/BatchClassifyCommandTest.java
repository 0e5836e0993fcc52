package org.csrafiji.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;

import org.csrafiji.cli.Main;
import org.csrafiji.core.OutputLock;
import org.csrafiji.eval.CsvReader;
import org.csrafiji.eval.ModelStamp;
import org.csrafiji.fiji.command.BatchClassifyCommand;
import org.junit.jupiter.api.Test;
import org.scijava.log.LogListener;
import org.scijava.log.LogService;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

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
		assertTrue(lines.get(0).startsWith("#csra-model,name=fixture-r18-h1,checkpoint_sha256="),
			lines.get(0));
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
		assertEquals(2, m.getOutput("skipped"),
			"a.tif and b.tif; broken.tif failed and is retried");
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

	private static void tiffs(Path in, List<String> names) {
		for (int i = 0; i < names.size(); i++) {
			IJ.saveAsTiff(FijiFixtures.image(ImagePlus.GRAY8, 40, 30, 1, i),
				in.resolve(names.get(i))
					.toString());
		}
	}

	private static List<String> files(Path csv) {
		List<List<String>> rows = records(csv);
		return rows.subList(1, rows.size()).stream().map(r -> r.get(0)).sorted().toList();
	}

	/** Messages the command logs, collected while it runs. */
	private static List<String> logged(ThrowingRunnable run) throws Exception {
		List<String> messages = java.util.Collections.synchronizedList(new ArrayList<>());
		LogListener listener = m -> messages.add(m.text());
		LogService log = ctx.service(LogService.class);
		log.addLogListener(listener);
		try {
			run.run();
		}
		finally {
			log.removeLogListener(listener);
		}
		return messages;
	}

	@FunctionalInterface
	private interface ThrowingRunnable {

		void run() throws Exception;
	}

	@Test
	void namesWithLineBreaksOrFormulasAreWrittenOnceAndKeptAsText(@TempDir Path dir)
		throws Exception
	{
		Path in = Files.createDirectories(dir.resolve("in"));
		List<String> names = List.of("=cmd|' calc'!A0.tif", "new\nline.tif", "carriage\rreturn.tif",
			"a,\"b\".tif", "@x.tif");
		tiffs(in, names);
		Path csv = dir.resolve("results.csv");
		Ran m = batch(in, csv, false, null);
		assertEquals(5, m.getOutput("classified"));
		assertEquals(names.stream().sorted().toList(), files(csv));
		String text = Files.readString(csv);
		assertTrue(text.contains("\n'=cmd|' calc'!A0.tif,") && text.contains("\n'@x.tif,"), text);
		m = batch(in, csv, false, null);
		assertEquals(0, m.getOutput("classified"), "a resumed batch finds every name");
		assertEquals(5, m.getOutput("skipped"));
		assertEquals(text, Files.readString(csv));
	}

	@Test
	void aBatchIsRefusedWhileAnotherRunWritesItsCsv(@TempDir Path dir) throws Exception {
		Path in = folder(dir);
		Path csv = dir.resolve("results.csv");
		try (OutputLock held = OutputLock.acquire(csv)) {
			Ran m = FijiFixtures.run(ctx, BatchClassifyCommand.class, "input_dir", in.toFile(),
				"recursive", false, "file_pattern", "*.tif", "output_csv", csv.toFile(),
				"attention_dir",
				null);
			assertTrue(m.isCanceled());
			assertTrue(m.getCancelReason().contains("is being written by another run (process "
				+ ProcessHandle.current().pid()), m.getCancelReason());
			assertFalse(Files.exists(csv));
		}
		batch(in, csv, false, null);
		assertEquals(List.of("a.tif", "b.tif", "broken.tif"), files(csv));
	}

	/**
	 * Two batches started together on one CSV: each file is classified once and ends up in it
	 * exactly once (before the lock both runs wrote every row, over each other).
	 */
	@Test
	void twoBatchesOnOneCsvNeitherLoseNorRepeatRows(@TempDir Path dir) throws Exception {
		Path in = Files.createDirectories(dir.resolve("in"));
		List<String> names = new ArrayList<>();
		for (int i = 0; i < 24; i++) {
			names.add("im" + i + ".tif");
		}
		tiffs(in, names);
		Path csv = dir.resolve("results.csv");
		// both runs find the model loaded
		batch(folder(Files.createDirectories(dir.resolve("warm"))), dir.resolve("warm.csv"), false,
			null);
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			List<Future<Ran>> runs = new ArrayList<>();
			for (int i = 0; i < 2; i++) {
				runs.add(pool.submit(() -> {
					start.await();
					return FijiFixtures.run(ctx, BatchClassifyCommand.class, "input_dir",
						in.toFile(),
						"recursive", false, "file_pattern", "*.tif", "output_csv", csv.toFile(),
						"attention_dir", null);
				}));
			}
			start.countDown();
			int classified = 0;
			for (Future<Ran> f : runs) {
				Ran m = f.get(5, TimeUnit.MINUTES);
				assertTrue(
					!m.isCanceled() || m.getCancelReason().contains("being written by another run"),
					m.getCancelReason());
				classified += m.isCanceled() ? 0 : (int) m.getOutput("classified");
			}
			assertEquals(names.size(), classified, "no file is classified by both runs");
		}
		finally {
			pool.shutdownNow();
		}
		assertEquals(names.stream().sorted().toList(), files(csv));
	}

	@Test
	void filesThatFailedAreRetriedAndCounted(@TempDir Path dir) throws Exception {
		Path in = folder(dir);
		Path csv = dir.resolve("results.csv");
		batch(in, csv, false, null);
		IJ.saveAsTiff(FijiFixtures.image(ImagePlus.GRAY8, 40, 30, 1, 9), in.resolve("broken.tif")
			.toString());
		Ran[] m = new Ran[1];
		List<String> log = logged(() -> m[0] = batch(in, csv, false, null));
		assertEquals(1, m[0].getOutput("classified"));
		assertEquals(0, m[0].getOutput("failed"));
		assertTrue(log.stream().anyMatch(l -> l.contains("retrying 1 file that failed before")), log
			.toString());
		assertTrue(log.stream().anyMatch(l -> l.contains("1 retried after failing before")), log
			.toString());
		List<List<String>> rows = records(csv);
		assertTrue(rows.subList(1, rows.size()).stream().allMatch(r -> r.get(5).isEmpty()),
			"no error row is left");
		assertEquals(List.of("a.tif", "b.tif", "broken.tif"), files(csv));
	}

	@Test
	void shardsOfTheBatchMergeIntoTheUnshardedCsv(@TempDir Path dir) throws Exception {
		Path in = folder(dir);
		Path whole = dir.resolve("whole.csv");
		batch(in, whole, false, null);
		List<String> merge = new ArrayList<>(List.of("merge", "--out", dir.resolve("all.csv")
			.toString()));
		List<List<String>> shards = new ArrayList<>();
		for (int i = 1; i <= 2; i++) {
			Path csv = dir.resolve("out-" + i + ".csv");
			Ran m = FijiFixtures.run(ctx, BatchClassifyCommand.class, "input_dir", in.toFile(),
				"recursive", false, "file_pattern", "*.tif", "output_csv", csv.toFile(),
				"attention_dir",
				null, "threshold", 0.001, "shard", i + "/2");
			assertFalse(m.isCanceled(), m.getCancelReason());
			shards.add(files(csv));
			merge.add(csv.toString());
		}
		// a.tif, b.tif, broken.tif sorted and dealt round-robin
		assertEquals(List.of(List.of("a.tif", "broken.tif"), List.of("b.tif")), shards);
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		assertEquals(0,
			Main.run(merge, new PrintStream(new ByteArrayOutputStream()), new PrintStream(
				err)),
			err.toString());
		assertEquals(Files.readAllLines(whole), Files.readAllLines(dir.resolve("all.csv")));
	}

	@Test
	void anEmptyShardSaysSoAndWritesNothing(@TempDir Path dir) throws Exception {
		Path in = folder(dir);
		Path csv = dir.resolve("out-4.csv");
		Ran[] m = new Ran[1];
		List<String> log = logged(() -> m[0] = FijiFixtures.run(ctx, BatchClassifyCommand.class,
			"input_dir", in.toFile(), "recursive", false, "file_pattern", "*.tif", "output_csv", csv
				.toFile(),
			"attention_dir", null, "shard", "4/4"));
		assertFalse(m[0].isCanceled(), m[0].getCancelReason());
		assertEquals(0, m[0].getOutput("classified"));
		assertTrue(
			log.stream().anyMatch(l -> l.contains("shard 4/4 holds no file: 3 file(s) match")),
			log.toString());
		assertFalse(Files.exists(csv));
	}

	@Test
	void aShardThatDoesNotExistIsRefusedWithTheForm(@TempDir Path dir) throws Exception {
		Path in = folder(dir);
		Path csv = dir.resolve("results.csv");
		Ran m = FijiFixtures.run(ctx, BatchClassifyCommand.class, "input_dir", in.toFile(),
			"recursive", false, "file_pattern", "*.tif", "output_csv", csv.toFile(),
			"attention_dir",
			null, "shard", "3/2");
		assertTrue(m.isCanceled());
		assertTrue(m.getCancelReason().contains("1 <= I <= N") && m.getCancelReason().contains(
			"leave it empty for every file"), m.getCancelReason());
		assertFalse(Files.exists(csv));
	}

	@Test
	void aPatternThatMatchesNothingWarns(@TempDir Path dir) throws Exception {
		Path in = folder(dir);
		Path csv = dir.resolve("results.csv");
		Ran[] m = new Ran[1];
		List<String> log = logged(() -> m[0] = FijiFixtures.run(ctx, BatchClassifyCommand.class,
			"input_dir", in.toFile(), "recursive", false, "file_pattern", "*.TIF", "output_csv", csv
				.toFile(),
			"attention_dir", null));
		assertFalse(m[0].isCanceled());
		assertEquals(0, m[0].getOutput("classified"));
		assertTrue(
			log.stream().anyMatch(l -> l.contains("matches file_pattern '*.TIF', so nothing was"
				+ " classified") && l.contains("It holds e.g. ")),
			log.toString());
		assertFalse(Files.exists(csv));
	}

	@Test
	void aCsvOfAnotherModelIsNotResumed(@TempDir Path dir) throws Exception {
		Path in = folder(dir);
		Path csv = dir.resolve("results.csv");
		batch(in, csv, false, null);
		String before = Files.readString(csv);
		Path other = Files.writeString(dir.resolve("other.json"),
			Files.readString(FijiFixtures.spec(
				"r18_h1.json").toPath()).replace("fixture-r18-h1", "other").replace("../model/",
					FijiFixtures.checkpoint().getParent().replace('\\', '/') + "/"));
		Ran m = FijiFixtures.run(ctx, BatchClassifyCommand.class, "model_file", other.toFile(),
			"input_dir", in.toFile(), "recursive", false, "file_pattern", "*.tif", "output_csv", csv
				.toFile(),
			"attention_dir", null);
		assertTrue(m.isCanceled());
		assertTrue(m.getCancelReason().contains("holds results of model 'fixture-r18-h1'") && m
			.getCancelReason().contains("not of model 'other'"), m.getCancelReason());
		assertEquals(before, Files.readString(csv));
	}
}
