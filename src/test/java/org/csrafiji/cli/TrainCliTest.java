package org.csrafiji.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

class TrainCliTest {

	@TempDir
	Path tmp;

	@Test
	void demoDataThenTrainWritesCheckpointsSpecsAndLog() throws Exception {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
		PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
		Path data = demoData(48, 4, 3, o, e, err);
		Path run = tmp.resolve("run");
		int rc = Main.run(List.of("train", "--data", "csv:" + data.resolve("train/labels.csv"),
			"--val", data.resolve("val/labels.csv").toString(), "--out", run.toString(), "--arch",
			"resnet18", "--base-width", "4", "--size", "48", "--epochs", "1", "--batch", "4",
			"--seed", "2"), o, e);
		assertEquals(0, rc, err.toString(StandardCharsets.UTF_8));
		for (String f : List.of("best.pth", "best.json", "last.pth", "last.json", "state.json",
			"last-optimizer.pth", "train-log.csv"))
		{
			assertTrue(Files.exists(run.resolve(f)), f);
		}
		List<String> log = Files.readAllLines(run.resolve("train-log.csv"));
		assertEquals("kind,epoch,iteration,lr,loss,val_map_percent", log.get(0));
		assertTrue(log.get(log.size() - 1).startsWith("epoch,1,2,"), log.get(log.size() - 1));
		// one numbering and one mAP format everywhere: epochs and iterations from 1, mAP in %
		assertTrue(log.get(1).startsWith("iter,1,1,"), log.get(1));
		String valPercent = log.get(log.size() - 1).substring(log.get(log.size() - 1).lastIndexOf(
			',') + 1);
		double map = Double.parseDouble(valPercent);
		assertTrue(map >= 0 && map <= 100, valPercent);
		String progress = err.toString(StandardCharsets.UTF_8);
		assertTrue(progress.contains("epoch 1 iteration 1 lr ") && !progress.contains(
			"iteration 0 "), progress);
		String shown = String.format(java.util.Locale.ROOT, "%.2f %%", map);
		assertTrue(progress.contains("epoch 1 done: mean loss ") && progress.contains(", val mAP "
			+ shown), progress);
		String summary = out.toString(StandardCharsets.UTF_8);
		assertTrue(summary.contains("best epoch 1 (val mAP " + shown + ")"), summary);
	}

	/**
	 * Training from a checkpoint used to print libtorch's "AutoNonVariableTypeMode is
	 * deprecated" warning (DJL's copyTo, when the weights were written into the network). The
	 * warning is printed once per process by native code, so a fresh JVM runs the command.
	 */
	@Test
	void trainingFromACheckpointPrintsNoLibtorchDeprecationWarning() throws Exception {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
		PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
		Path data = demoData(32, 2, 5, o, e, err);
		String labels = "csv:" + data.resolve("train/labels.csv");
		List<String> recipe = List.of("--base-width", "4", "--size", "32", "--epochs", "1",
			"--batch", "4");
		List<String> first = new java.util.ArrayList<>(
			List.of("train", "--data", labels, "--out", tmp
				.resolve("first").toString()));
		first.addAll(recipe);
		assertEquals(0, Main.run(first, o, e), err.toString(StandardCharsets.UTF_8));
		List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty(
			"java.home"), "bin", "java").toString(), "-cp", System.getProperty("java.class.path"),
			Main.class.getName(), "train", "--data", labels, "--out", tmp.resolve("second")
				.toString(),
			"--init", tmp.resolve("first/last.pth").toString()));
		command.addAll(recipe);
		Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
		String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertEquals(0, p.waitFor(), text);
		assertTrue(text.contains("epoch 1 done") && !text.contains("AutoNonVariableTypeMode"),
			text);
	}

	@Test
	void checkDeterminismComparesTwoRunsWithTheSameSeed() throws Exception {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
		PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
		Path data = demoData(32, 2, 4, o, e, err);
		int rc = Main.run(List.of("train", "--data", data.resolve("train/labels.csv").toString(),
			"--base-width", "4", "--size", "32", "--batch", "4", "--epochs", "2",
			"--check-determinism",
			"--iterations", "3"), o, e);
		String text = out.toString(StandardCharsets.UTF_8);
		assertEquals(0, rc, text + err.toString(StandardCharsets.UTF_8));
		assertTrue(text.contains("determinism: 3 losses") && text.contains("PASS"), text);
	}

	@Test
	void vocDataTrainsOnTrainvalAndATestSplitIsRefused() throws Exception {
		Path voc = tmp.resolve("VOC2007");
		Path main = Files.createDirectories(voc.resolve("ImageSets").resolve("Main"));
		Files.createDirectories(voc.resolve("Annotations"));
		for (String id : List.of("000001", "000002", "000003")) {
			Files.writeString(voc.resolve("Annotations").resolve(id + ".xml"),
				"<annotation><object>"
					+ "<name>cat</name><difficult>0</difficult></object></annotation>");
		}
		Files.writeString(main.resolve("trainval.txt"), "000001\n000002\n");
		Files.writeString(main.resolve("test.txt"), "000003\n");
		assertEquals(List.of("000001", "000002"),
			TrainCli.load("voc:" + voc, true).samples().stream()
				.map(s -> s.key()).toList());
		assertEquals(List.of("000003"), TrainCli.load("voc:" + voc, false).samples().stream().map(
			s -> s.key()).toList());
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int rc = Main.run(List.of("train", "--data", "voc:" + main.resolve("test.txt"), "--out",
			tmp.resolve("run").toString()),
			new PrintStream(new ByteArrayOutputStream(), true,
				StandardCharsets.UTF_8),
			new PrintStream(err, true, StandardCharsets.UTF_8));
		String text = err.toString(StandardCharsets.UTF_8);
		assertEquals(1, rc, text);
		assertTrue(
			text.startsWith("csra: error: Refusing to train on ")
				&& text.strip().lines().count() == 1,
			text);
		assertTrue(!Files.exists(tmp.resolve("run")), "nothing written for a refused run");
	}

	/** Writes 8 training and {@code val} validation demo scenes of side {@code size}. */
	private Path demoData(int size, int val, int seed, PrintStream o, PrintStream e,
		ByteArrayOutputStream err)
	{
		Path data = tmp.resolve("data");
		assertEquals(0,
			Main.run(List.of("demo-data", "--out", data.toString(), "--train", "8", "--val",
				String.valueOf(val), "--size", String.valueOf(size), "--seed",
				String.valueOf(seed)), o,
				e),
			err.toString(StandardCharsets.UTF_8));
		return data;
	}

	@Test
	void missingOutIsAUsageError() {
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int rc = Main.run(List.of("train", "--data", "x.csv"),
			new PrintStream(new ByteArrayOutputStream()),
			new PrintStream(err, true, StandardCharsets.UTF_8));
		assertEquals(2, rc);
		assertTrue(err.toString(StandardCharsets.UTF_8).contains("--out"));
	}
}
