package org.csrafiji.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark end to end, as a user runs it from the packaged jars, on a tiny configuration
 * (the demo model, a few images): every run classified every image exactly once, the report
 * holds every figure, its ratios follow from its times, and the temporary folder is gone.
 */
class SparkBenchIT {

	private static final int IMAGES = 6;
	private static final int MEMORY_IMAGES = 10;

	@TempDir
	Path dir;

	@Test
	void reportsEveryFigureAndEveryRunClassifiedEveryImageOnce() throws Exception {
		Path work = Files.createDirectories(dir.resolve("work"));
		Path out = dir.resolve("out.json");
		Path log = dir.resolve("bench.log");
		ProcessBuilder pb = PackagedJars.jvm(PackagedJars.mainClass(SparkJobs.jars()
			.jobClasspath(), List.of("-Xmx1g"), SparkBench.class.getName(),
			List.of("--model",
				SparkJobs.DEMO.toString(), "--images", "" + IMAGES, "--memory-images", ""
					+ MEMORY_IMAGES,
				"--memory-model", SparkJobs.DEMO.toString(),
				"--images-per-task", "2", "--executor-memory", "900m", "--work", work.toString(),
				"--json")),
			log);
		Process p = pb.redirectErrorStream(false).redirectOutput(out.toFile()).redirectError(log
			.toFile()).directory(SparkJobs.basedir().toFile()).start();
		boolean ended = p.waitFor(420, TimeUnit.SECONDS);
		if (!ended) {
			ProcessTrees.kill(p);
		}
		String errors = SparkJobs.tail(LogWatch.read(log));
		assertTrue(ended, "the bench ended:\n" + errors);
		assertEquals(0, p.exitValue(), errors);
		JsonObject r = JsonParser.parseString(Files.readString(out)).getAsJsonObject();

		// every run: every image exactly once
		JsonObject outputs = r.getAsJsonObject("outputs");
		for (String run : List.of("spark_1_worker", "spark_2_workers",
			"spark_2_workers_without_class_archives", "memory", "classify_2x1", "classify_1x2"))
		{
			int n = "memory".equals(run) ? MEMORY_IMAGES : IMAGES;
			JsonObject c = outputs.getAsJsonObject(run);
			assertEquals(n, c.get("rows").getAsInt(), run);
			assertEquals(n, c.get("distinct").getAsInt(), run);
			for (String none : List.of("missing", "unexpected", "errors")) {
				assertEquals(0, c.get(none).getAsInt(), run + " " + none);
			}
		}
		assertTrue(r.get("every_image_exactly_once").getAsBoolean());
		assertEquals(IMAGES, r.get("images").getAsInt());
		assertEquals(IMAGES, r.get("warm_up_images").getAsInt());
		assertEquals(MEMORY_IMAGES, r.get("memory_images").getAsInt());

		// scaling: one executor, then work on two; images/s and ratios follow from the times
		assertEquals(1, r.get("spark_1_worker_executors").getAsInt());
		for (String run : List.of("spark_1_worker", "spark_2_workers", "classify_2x1",
			"classify_1x2"))
		{
			double s = r.get(run + "_s").getAsDouble();
			assertTrue(s > 0, run);
			assertEquals(IMAGES / s, r.get(run + "_images_per_s").getAsDouble(), 1e-9 * IMAGES
				/ s, run);
		}
		for (String run : List.of("spark_1_worker", "spark_2_workers")) {
			double tasks = r.get(run + "_tasks_s").getAsDouble();
			assertTrue(tasks > 0 && tasks < r.get(run + "_s").getAsDouble(), run
				+ ": the executors' span lies within the driver's life");
			assertTrue(r.get(run + "_before_tasks_s").getAsDouble() > 0, run);
			// each executor's first task, within the executors' span; the task threads' CPU share
			JsonArray first = r.getAsJsonArray(run + "_first_task_s");
			assertEquals(r.get(run + "_executors").getAsInt(), first.size(), run);
			for (var f : first) {
				assertTrue(f.getAsDouble() > 0 && f.getAsDouble() <= tasks, run + " " + f);
			}
			double share = r.get(run + "_task_cpu_share").getAsDouble();
			assertTrue(share > 0 && share <= 1.01, run + " cpu share " + share);
			assertTrue(r.get(run + "_after_tasks_s").getAsDouble() > 0, run);
		}
		// one engine thread in every executor that ran tasks, as its own log says (with these
		// few images the second executor may register after the first has done every task)
		assertEquals("[1]", r.get("spark_1_worker_intra_op_threads").toString());
		JsonArray two = r.getAsJsonArray("spark_2_workers_intra_op_threads");
		assertEquals(r.get("spark_2_workers_executors").getAsInt(), two.size(), two.toString());
		for (var t : two) {
			assertEquals(1, t.getAsInt(), two.toString());
		}
		assertEquals(r.get("spark_2_workers_images_per_s").getAsDouble() / r.get(
			"spark_1_worker_images_per_s").getAsDouble(), r.get("scaling").getAsDouble(), 1e-9);
		assertEquals(r.get("spark_2_workers_s").getAsDouble() / r.get("classify_2x1_s")
			.getAsDouble() - 1, r.get("overhead_vs_classify_2x1").getAsDouble(), 1e-9);
		assertEquals(r.get("scaling").getAsDouble() >= BenchRuns.SCALING_GOAL, r.get(
			"scaling_goal_met").getAsBoolean());

		// class-data archives: made here, and mapped by every JVM of every timed run, as each
		// JVM's own cds log says (the driver and each executor; each classify process)
		assertTrue(r.get("class_archives").getAsBoolean());
		assertTrue(r.get("class_archives_s").getAsDouble() > 0);
		assertEquals(3, r.getAsJsonArray("class_archives_mib").size());
		for (String run : List.of("spark_1_worker", "spark_2_workers", "memory")) {
			JsonArray used = r.getAsJsonArray(run + "_class_archives_used");
			// the driver, every executor that ran tasks, and a second one that started but
			// found no task left (6 images: 3 tasks)
			int ran = "memory".equals(run) ? 2 : r.get(run + "_executors").getAsInt();
			int started = "spark_1_worker".equals(run) ? 1 : 2;
			assertTrue(used.size() >= 1 + ran && used.size() <= 1 + started, run + " " + used);
			used.forEach(u -> assertTrue(u.getAsBoolean(), run + " " + used));
		}
		assertEquals("[true,true]", r.get("classify_2x1_class_archives_used").toString());
		assertEquals("[true]", r.get("classify_1x2_class_archives_used").toString());
		assertEquals(r.get("spark_2_workers_without_class_archives_s").getAsDouble() - r.get(
			"spark_2_workers_s").getAsDouble(), r.get("class_archives_saving_s").getAsDouble(),
			1e-9);

		// memory: both executors sampled at 10 %, 50 % and 100 % of the images
		assertEquals(2, r.get("memory_executors").getAsInt());
		// pinned where the machine allows it: each executor on one CPU of its own, as its
		// worker was started
		assertEquals(LocalStandaloneCluster.pinnable(2, 1), r.get("cores_pinned").getAsBoolean());
		JsonArray cpus = r.getAsJsonArray("memory_executor_cpus");
		assertEquals(2, cpus.size());
		if (r.get("cores_pinned").getAsBoolean()) {
			assertEquals(Set.of("0", "1"), Set.of(cpus.get(0).getAsString(), cpus.get(1)
				.getAsString()), cpus.toString());
		}
		for (int mark : new int[]{MEMORY_IMAGES / 10, MEMORY_IMAGES / 2, MEMORY_IMAGES}) {
			JsonArray mib = r.getAsJsonArray("rss_mib_after_" + mark);
			assertEquals(2, mib.size(), "rss after " + mark);
			for (var v : mib) {
				// an executor JVM with libtorch and a model: more than 100 MiB, less than 8 GiB
				assertTrue(v.getAsDouble() > 100 && v.getAsDouble() < 8192, "" + v);
			}
		}
		assertTrue(r.has("rss_flat"));
		if (Files.isExecutable(Path.of(System.getProperty("java.home"), "bin", "jstat"))) {
			// each executor's heap read by jstat: used within committed, committed within the
			// executor's 1500m (committed pages need not all be resident, so no bound by RSS)
			for (int mark : new int[]{MEMORY_IMAGES / 10, MEMORY_IMAGES / 2, MEMORY_IMAGES}) {
				JsonArray committed = r.getAsJsonArray("heap_committed_mib_after_" + mark);
				JsonArray used = r.getAsJsonArray("heap_used_mib_after_" + mark);
				for (int e = 0; e < 2; e++) {
					double c = committed.get(e).getAsDouble();
					assertTrue(c > 0 && c <= 1500, "committed " + c);
					double u = used.get(e).getAsDouble();
					assertTrue(u > 0 && u <= c, "used " + u + " of " + c);
				}
			}
		}

		try (Stream<Path> left = Files.list(work)) {
			assertEquals(List.of(), left.toList(), "the temporary folder was deleted");
		}
	}
}
