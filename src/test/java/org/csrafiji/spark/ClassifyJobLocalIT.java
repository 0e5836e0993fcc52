package org.csrafiji.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.util.stream.Stream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.csrafiji.core.ModelSpec;
import org.csrafiji.core.ModelSpecs;
import org.csrafiji.eval.DatasetLoader;
import org.csrafiji.eval.EvaluationOptions;
import org.csrafiji.eval.Evaluator;
import org.csrafiji.eval.Predictions;
import org.csrafiji.eval.ResultTable;
import org.csrafiji.eval.SampleKeys;
import org.csrafiji.eval.ScoreMatrix;
import org.csrafiji.train.synthetic.SceneGenerator;
import org.csrafiji.train.synthetic.SyntheticDatasetWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged job in Spark's local mode (a real SparkSession, two task threads in one JVM):
 * scores equal single-machine classification, unreadable images become error rows, the model is
 * loaded once per JVM, a second run classifies only new images, another model's output is
 * refused, and --evaluate prints what the evaluator gives for the single-machine scores.
 */
class ClassifyJobLocalIT {

	@TempDir
	Path dir;

	@Test
	void localModeClassifiesResumesAndEvaluates() throws Exception {
		Path images = dir.resolve("images");
		SceneGenerator scenes = new SceneGenerator(96, 11);
		Path labels = SyntheticDatasetWriter.write(scenes, 0, 20, images);
		Path more = dir.resolve("more");
		SyntheticDatasetWriter.write(scenes, 20, 4, more);
		Files.write(images.resolve("broken.png"), new byte[]{1, 2, 3, 4});
		Path out = dir.resolve("out");
		List<String> args = new ArrayList<>(List.of("--master", "local[2]", "--model",
			SparkJobs.DEMO
				.toString(),
			"--input", images.toString(), "--output", out.toString(), "--csv",
			"--images-per-task", "3", "--evaluate", labels.toString()));

		SparkJobs.Run first = SparkJobs.job(List.of(), args, dir.resolve("first.log"), 240);
		assertEquals(0, first.exit(), SparkJobs.tail(first.output()));
		assertEquals(1, count(first.output(), "csra: loaded model 'demo'"), "one model load in"
			+ " the one executor JVM for 7 tasks:\n" + SparkJobs.tail(first.output()));
		if (Runtime.getRuntime().availableProcessors() > 1 && System.getenv(
			"OMP_NUM_THREADS") == null)
		{
			// Each task thread runs the engine with its task's one CPU, not all the machine's
			// cores, and sets that once: at most once per task (Spark reuses its task threads).
			int set = count(first.output(), "(spark.task.cpus)");
			assertTrue(set >= 1 && set <= 7, set + " task threads set:\n" + SparkJobs.tail(first
				.output()));
			assertEquals(set, count(first.output(), "': 1 (spark.task.cpus)"), SparkJobs.tail(first
				.output()));
		}

		List<Path> pngs = new ArrayList<>();
		for (int i = 0; i < 24; i++) {
			pngs.add((i < 20 ? images : more).resolve(String.format("scene_%05d.png", i)));
		}
		Map<String, float[]> reference = SparkJobs.reference(pngs);
		List<Map<String, String>> rows = SparkJobs.csv(out);
		List<Map<String, String>> ok = rows.stream().filter(r -> r.get("error").isEmpty()).toList();
		List<Map<String, String>> bad = rows.stream().filter(r -> !r.get("error").isEmpty())
			.toList();
		assertEquals(20, new HashSet<>(SparkJobs.checkScores(ok, reference)).size());
		assertEquals(20, ok.size());
		assertEquals(1, bad.size());
		assertTrue(bad.get(0).get("image").endsWith("broken.png"), bad.get(0).toString());
		assertTrue(bad.get(0).get("error").contains("ImageJ cannot open"), bad.get(0).toString());
		assertTrue(first.output().contains(" holds 21 rows (1 image could not be classified;"),
			"the summary counts what the output holds:\n" + SparkJobs.tail(first.output()));
		for (Map<String, String> r : ok) {
			assertEquals("demo", r.get("model"));
			assertEquals("c=1,z=1,t=1", r.get("slice"));
		}

		// --evaluate: the table the evaluator gives for the single-machine scores of the same set
		ModelSpec spec = ModelSpecs.read(SparkJobs.DEMO);
		List<String> keys = new ArrayList<>();
		double[][] scores = new double[20][];
		for (int i = 0; i < 20; i++) {
			String name = pngs.get(i).getFileName().toString();
			keys.add(SampleKeys.of(name));
			float[] s = reference.get(name);
			scores[i] = new double[s.length];
			for (int c = 0; c < s.length; c++) {
				scores[i][c] = s[c];
			}
		}
		var dataset = DatasetLoader.load(labels, null, spec.classes());
		String table = ResultTable.format(Evaluator.evaluate(dataset, new Predictions("reference",
			keys, new ScoreMatrix(spec.classes(), scores)),
			EvaluationOptions.atThreshold(spec
				.threshold()).withIgnoredInCounts(dataset.ignoredCounting())));
		assertTrue(first.output().contains(table), "expected\n" + table + "\nin\n" + SparkJobs.tail(
			first.output()));

		// a second run classifies only the new images
		for (int i = 20; i < 24; i++) {
			String name = String.format("scene_%05d.png", i);
			Files.copy(more.resolve(name), images.resolve(name));
		}
		args.remove("--evaluate");
		args.remove(labels.toString());
		SparkJobs.Run second = SparkJobs.job(List.of(), args, dir.resolve("second.log"), 240);
		assertEquals(0, second.exit(), SparkJobs.tail(second.output()));
		assertTrue(second.output().contains("25 images, 21 already in"), SparkJobs.tail(second
			.output()));
		// what the output held before (21 rows, 1 error) and the 4 rows this run wrote
		assertTrue(second.output().contains(" holds 25 rows (1 image could not be classified;"),
			SparkJobs.tail(second.output()));
		List<Map<String, String>> after = SparkJobs.csv(out).stream().filter(r -> r.get("error")
			.isEmpty()).toList();
		List<String> names = SparkJobs.checkScores(after, reference);
		assertEquals(24, names.size());
		assertEquals(24, new HashSet<>(names).size(), "every image once");

		// another model's scores are not mixed in
		Path other = dir.resolve("other.json");
		Files.writeString(other, Files.readString(SparkJobs.DEMO).replace("\"name\": \"demo\"",
			"\"name\": \"demo-copy\"").replace("\"demo.pth\"",
				"\"" + SparkJobs.DEMO.resolveSibling(
					"demo.pth") + "\""));
		args.set(args.indexOf("--model") + 1, other.toString());
		SparkJobs.Run mixed = SparkJobs.job(List.of(), args, dir.resolve("mixed.log"), 240);
		assertEquals(1, mixed.exit(), SparkJobs.tail(mixed.output()));
		assertTrue(mixed.output().contains("holds scores of model 'demo' (checkpoint SHA-256")
			&& mixed.output().contains("not of model 'demo-copy'"), SparkJobs.tail(mixed.output()));
	}

	private static int count(String s, String what) {
		Matcher m = Pattern.compile(Pattern.quote(what)).matcher(s);
		int n = 0;
		while (m.find()) {
			n++;
		}
		return n;
	}

	/**
	 * Images on another Hadoop file system (Hadoop's own HTTP file system, served by the JDK's
	 * HTTP server) are copied to a private temporary folder on the worker thread, classified
	 * with the scores of the local files, and the copies deleted; a missing one gives an error
	 * row.
	 */
	@Test
	void imagesOnAnotherFileSystemAreCopiedClassifiedAndTheCopiesDeleted() throws Exception {
		Path images = dir.resolve("served");
		SyntheticDatasetWriter.write(new SceneGenerator(96, 11), 0, 3, images);
		HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.createContext("/", exchange -> {
			Path f = images.resolve(exchange.getRequestURI().getPath().substring(1));
			if (Files.isRegularFile(f)) {
				byte[] b = Files.readAllBytes(f);
				exchange.sendResponseHeaders(200, b.length);
				exchange.getResponseBody().write(b);
			}
			else {
				exchange.sendResponseHeaders(404, -1);
			}
			exchange.close();
		});
		server.start();
		try {
			String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
			List<Path> pngs = new ArrayList<>();
			List<String> lines = new ArrayList<>();
			for (int i = 0; i < 3; i++) {
				String name = String.format("scene_%05d.png", i);
				pngs.add(images.resolve(name));
				lines.add(base + name);
			}
			lines.add(base + "missing.png");
			Path list = Files.write(dir.resolve("served.txt"), lines);
			Path tmp = Files.createDirectories(dir.resolve("job-tmp"));
			Path out = dir.resolve("served-out");
			SparkJobs.Run run = SparkJobs.job(List.of("-Djava.io.tmpdir=" + tmp), List.of(
				"--master", "local[1]", "--model", SparkJobs.DEMO.toString(), "--input", list
					.toString(),
				"--output", out.toString(), "--csv", "--images-per-task", "2"),
				dir
					.resolve("served.log"),
				240);
			assertEquals(0, run.exit(), SparkJobs.tail(run.output()));
			List<Map<String, String>> rows = SparkJobs.csv(out);
			List<Map<String, String>> ok = rows.stream().filter(r -> r.get("error").isEmpty())
				.toList();
			assertEquals(3, new HashSet<>(SparkJobs.checkScores(ok, SparkJobs.reference(pngs)))
				.size());
			List<Map<String, String>> bad = rows.stream().filter(r -> !r.get("error").isEmpty())
				.toList();
			assertEquals(1, bad.size(), rows.toString());
			assertTrue(bad.get(0).get("image").endsWith("/missing.png"), bad.get(0).toString());
			assertTrue(bad.get(0).get("error").startsWith("Cannot read '"), bad.get(0).toString());
			try (Stream<Path> left = Files.list(tmp)) {
				assertEquals(List.of(), left.filter(f -> f.getFileName().toString().startsWith(
					"csra-spark-")).toList(), "every local copy deleted");
			}
		}
		finally {
			server.stop(0);
		}
	}
}
