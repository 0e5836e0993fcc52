package org.csrafiji.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import ij.IJ;
import ij.ImagePlus;
import ij.process.ColorProcessor;

/**
 * {@code evaluate --model --dataset} end to end on the small PyTorch fixture model and a label
 * CSV of images the test writes: the same numbers as scoring the written predictions with
 * {@code --predictions}, resuming from a cut predictions file, and the errors.
 */
class EvaluateModelCliTest {

	private static final Path CKPT = Path.of("src/test/resources/model/official_r18_h1.pth");
	private static final int IMAGES = 7;

	@TempDir
	Path dir;

	private static EvaluateRun run(String... args) {
		return EvaluateRun.of(args);
	}

	/** The spec of the fixture model, written once (runs started together read it at once). */
	private Path spec() throws IOException {
		Path spec = dir.resolve("model.json");
		if (Files.exists(spec)) {
			return spec;
		}
		return Files.writeString(spec, "{\"architecture\":\"resnet18\",\"heads\":1,"
			+ "\"lambda\":0.1,\"input_size\":96,\"classes\":[\"a\",\"b\",\"c\",\"d\",\"e\"],\"checkpoint\":\""
			+ CKPT.toAbsolutePath().toString().replace("\\", "\\\\") + "\"}");
	}

	/** Random RGB images of assorted sizes, every class positive at least once. */
	private Path dataset(String header) throws IOException {
		Random random = new Random(11);
		StringBuilder csv = new StringBuilder(header).append('\n');
		Files.createDirectories(dir.resolve("img"));
		for (int i = 0; i < IMAGES; i++) {
			ColorProcessor cp = new ColorProcessor(40 + 13 * i, 120 - 9 * i);
			for (int p = 0; p < cp.getPixelCount(); p++) {
				cp.set(p, random.nextInt(0x1000000));
			}
			String name = "img/im" + i + ".tif";
			IJ.saveAsTiff(new ImagePlus(name, cp), dir.resolve(name).toString());
			csv.append(name);
			for (int c = 0; c < 5; c++) {
				csv.append(',').append(c == i % 5 || random.nextBoolean() ? 1 : 0);
			}
			csv.append('\n');
		}
		return Files.writeString(dir.resolve("labels.csv"), csv);
	}

	private EvaluateRun evaluateModel(Path labels, Path pred, String... more) throws IOException {
		List<String> args = new ArrayList<>(
			List.of("evaluate", "--model", spec().toString(), "--dataset",
				"csv:" + labels, "--device", "cpu", "--batch", "3", "--json"));
		if (pred != null) {
			args.addAll(List.of("--predictions-out", pred.toString()));
		}
		args.addAll(List.of(more));
		return run(args.toArray(String[]::new));
	}

	private Path labels() {
		return dir.resolve("labels.csv");
	}

	private Path pred() {
		return dir.resolve("pred.csv");
	}

	/** Writes the dataset and scores it into {@link #pred()}, which must succeed. */
	private EvaluateRun firstRun() throws IOException {
		EvaluateRun r = evaluateModel(dataset("image,a,b,c,d,e"), pred());
		assertEquals(0, r.code(), r.err());
		return r;
	}

	@Test
	void scoresTheDatasetAsThePredictionsModeScoresTheWrittenFile() throws IOException {
		EvaluateRun model = firstRun();
		JsonObject json = JsonParser.parseString(model.out()).getAsJsonObject();
		assertEquals(List.of("a", "b", "c", "d", "e"),
			new ArrayList<>(json.getAsJsonObject("ap").keySet()));
		double map = json.get("mAP").getAsDouble();
		assertTrue(map > 0 && map <= 100, model.out());
		assertEquals(IMAGES + 2, Files.readAllLines(pred()).size(),
			"the model line, the header, the rows");
		assertTrue(model.err().contains("ran the model on " + IMAGES + " images"), model.err());

		EvaluateRun saved = run("evaluate", "--predictions", pred().toString(), "--labels",
			labels().toString(), "--json");
		assertEquals(0, saved.code(), saved.err());
		assertEquals(model.out(), saved.out());
	}

	@Test
	void resumesFromACutPredictionsFileRunningOnlyTheMissingImages() throws IOException {
		EvaluateRun first = firstRun();
		List<String> lines = Files.readAllLines(pred());
		int kept = IMAGES / 2;
		// Half the rows, and half a row as an interrupted append leaves it.
		Files.writeString(pred(), String.join("\n", lines.subList(0, 2 + kept)) + "\n"
			+ lines.get(2 + kept).substring(0, 9));
		EvaluateRun second = evaluateModel(labels(), pred());
		assertEquals(0, second.code(), second.err());
		assertTrue(second.err().contains("ran the model on " + (IMAGES - kept) + " images, " + kept
			+ " were already scored"), second.err());
		assertEquals(first.out(), second.out());
		assertEquals(lines.size(), Files.readAllLines(pred()).size());

		EvaluateRun third = evaluateModel(labels(), pred());
		assertTrue(
			third.err().contains("ran the model on 0 images, " + IMAGES + " were already scored"),
			third.err());
		assertEquals(first.out(), third.out());
	}

	/**
	 * Two runs started together on one predictions file: one may be refused (naming the other),
	 * but no row is ever written twice, so every later run works.
	 */
	@Test
	void twoRunsOnOnePredictionsFileNeverDuplicateRows() throws Exception {
		Path labels = dataset("image,a,b,c,d,e");
		spec();
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			List<Future<EvaluateRun>> runs = new ArrayList<>();
			for (int i = 0; i < 2; i++) {
				runs.add(pool.submit(() -> {
					start.await();
					return evaluateModel(labels, pred());
				}));
			}
			start.countDown();
			for (Future<EvaluateRun> f : runs) {
				EvaluateRun r = f.get(5, TimeUnit.MINUTES);
				assertTrue(
					r.code() == 0 || r.err().contains("is being written by another run (process "),
					r.err());
			}
		}
		finally {
			pool.shutdownNow();
		}
		EvaluateRun later = evaluateModel(labels, pred());
		assertEquals(0, later.code(), later.err());
		assertEquals(IMAGES + 2, Files.readAllLines(pred()).size());
		assertTrue(later.err().contains("ran the model on 0 images"), later.err());
	}

	@Test
	void aDatasetWithoutImagesSaysSo() throws IOException {
		Path labels = Files.writeString(dir.resolve("labels.csv"), "image,a,b,c,d,e\n");
		EvaluateRun r = evaluateModel(labels, pred());
		assertEquals(1, r.code(), r.err());
		assertTrue(r.err().contains("lists no image, so there is nothing to score"), r.err());
		assertFalse(Files.exists(pred()));
	}

	@Test
	void resumingAnotherModelsPredictionsIsRefused() throws IOException {
		firstRun();
		Path other = Files.writeString(dir.resolve("other.json"), Files.readString(spec()));
		List<String> before = Files.readAllLines(pred());
		EvaluateRun r = run("evaluate", "--model", other.toString(), "--dataset", "csv:" + labels(),
			"--device", "cpu", "--predictions-out", pred().toString());
		assertEquals(1, r.code(), r.err());
		assertTrue(r.err().contains("holds results of model 'model'") && r.err().contains(
			"not of model 'other'"), r.err());
		assertFalse(r.err().contains("run the same command again"), r.err());
		assertEquals(before, Files.readAllLines(pred()));
		assertTrue(before.get(0).startsWith("#csra-model,name=model,checkpoint_sha256="
			+ sha256(CKPT)), before.get(0));
	}

	/** The checkpoint's SHA-256 as an independent tool computes it. */
	private static String sha256(Path file) throws IOException {
		try {
			return java.util.HexFormat.of()
				.formatHex(java.security.MessageDigest.getInstance("SHA-256")
					.digest(Files.readAllBytes(file)));
		}
		catch (java.security.NoSuchAlgorithmException e) {
			throw new AssertionError(e);
		}
	}

	@Test
	void withoutPredictionsOutTheScoresGoToATemporaryFileThatIsRemoved() throws IOException {
		Path labels = dataset("image,a,b,c,d,e");
		List<Path> before = temporaryPredictions();
		EvaluateRun r = evaluateModel(labels, null);
		assertEquals(0, r.code(), r.err());
		assertTrue(r.err().contains("temporary file"), r.err());
		assertTrue(r.out().contains("\"mAP\""), r.out());
		assertEquals(before, temporaryPredictions());
	}

	private static List<Path> temporaryPredictions() throws IOException {
		try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
			return files.filter(f -> f.getFileName().toString().startsWith("csra-predictions-"))
				.sorted().toList();
		}
	}

	@Test
	void printsTheTableWithoutJson() throws IOException {
		Path labels = dataset("image,a,b,c,d,e");
		List<String> args = List.of("evaluate", "--model", spec().toString(), "--dataset",
			"csv:" + labels,
			"--device", "cpu");
		EvaluateRun r = run(args.toArray(String[]::new));
		assertEquals(0, r.code(), r.err());
		assertTrue(r.out().contains("mAP"), r.out());
		assertFalse(r.out().trim().startsWith("{"), r.out());
	}

	@Test
	void datasetClassesOtherThanTheModelsAreAnErrorNamingThemBeforeAnyImageIsRead()
		throws IOException
	{
		Path labels = dataset("image,a,b,c,dog,cat");
		Path pred = dir.resolve("pred.csv");
		EvaluateRun r = evaluateModel(labels, pred);
		assertEquals(1, r.code(), r.err());
		assertTrue(r.err().contains("'dog'") && r.err().contains("cat"), r.err());
		assertTrue(r.err().contains("not in the model"), r.err());
		assertFalse(Files.exists(pred));
	}

	@Test
	void anUnreadableImageStopsTheRunNamingItAndKeepsTheRowsWrittenSoFar() throws IOException {
		Path labels = dataset("image,a,b,c,d,e");
		Files.writeString(dir.resolve("img/im4.tif"), "not a TIFF");
		Path pred = dir.resolve("pred.csv");
		EvaluateRun r = evaluateModel(labels, pred);
		assertEquals(1, r.code(), r.err());
		assertTrue(r.err().contains("im4.tif"), r.err());
		assertTrue(r.err().contains("run the same command again"), r.err());
		// Batches of 3: images 0..2 were written before the batch holding image 4 failed.
		assertEquals(2 + 3, Files.readAllLines(pred).size());
	}

	@Test
	void imageLabelsCsvTakesTheModelsClasses() throws IOException {
		Path labels = dataset("image,a,b,c,d,e");
		List<String> rows = Files.readAllLines(labels);
		StringBuilder list = new StringBuilder("image,labels\n");
		String[] names = {"a", "b", "c", "d", "e"};
		for (String row : rows.subList(1, rows.size())) {
			String[] f = row.split(",");
			List<String> positive = new ArrayList<>();
			for (int c = 0; c < 5; c++) {
				if (f[c + 1].equals("1")) {
					positive.add(names[c]);
				}
			}
			list.append(f[0]).append(',').append(String.join(";", positive)).append('\n');
		}
		Path listCsv = Files.writeString(dir.resolve("list.csv"), list);
		EvaluateRun byList = evaluateModel(listCsv, null);
		EvaluateRun byColumns = evaluateModel(labels, null);
		assertEquals(0, byList.code(), byList.err());
		assertEquals(byColumns.out(), byList.out());
	}

	@Test
	void badModelCommandLinesSayWhatIsWrong() throws IOException {
		EvaluateRun noDataset = run("evaluate", "--model", spec().toString());
		assertEquals(2, noDataset.code());
		assertTrue(noDataset.err().startsWith("csra: error: --dataset is missing"),
			noDataset.err());
		EvaluateRun noModel = run("evaluate", "--dataset", "csv:x.csv");
		assertEquals(2, noModel.code());
		assertTrue(noModel.err().contains("--model SPEC.json"), noModel.err());
		EvaluateRun both = run("evaluate", "--model", "m.json", "--dataset", "csv:x.csv",
			"--labels", "l.csv");
		assertEquals(2, both.code());
		assertTrue(both.err().contains("not both"), both.err());
		assertEquals(2,
			run("evaluate", "--model", "m.json", "--dataset", "csv:x.csv", "--batch", "0").code());
		assertEquals(2, run("evaluate", "--model", "m.json", "--dataset", "imagenet:x").code());
		assertEquals(2,
			run("evaluate", "--predictions", "p.csv", "--labels", "l.csv", "--predictions-out",
				"q.csv").code());
		EvaluateRun help = run("evaluate", "--help");
		assertTrue(help.out().contains("--dataset voc2007:DIR|coco2014:DIR|wider:DIR|csv:FILE"),
			help.out());
		EvaluateRun missing = run("evaluate", "--model", spec().toString(), "--dataset",
			"coco2014:" + dir,
			"--device", "cpu");
		assertEquals(1, missing.code());
		assertTrue(missing.err().contains("instances_val2014.json"), missing.err());
	}
}
