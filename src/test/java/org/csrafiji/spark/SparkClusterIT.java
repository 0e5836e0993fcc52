package org.csrafiji.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.csrafiji.train.synthetic.SceneGenerator;
import org.csrafiji.train.synthetic.SyntheticDatasetWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real standalone cluster on 127.0.0.1 from the packaged jars: a master and two one-core
 * workers in child JVMs, the job submitted to it through Spark's {@code SparkSubmit} (what the
 * {@code spark-submit} script runs), one worker (with its executor) killed while
 * the job runs. The job must still finish with every image exactly once and every score equal
 * to single-machine classification.
 */
class SparkClusterIT {

	private static final int IMAGES = 300;

	@TempDir
	Path dir;

	private Process driver;

	@AfterEach
	void stop() {
		if (driver != null) {
			ProcessTrees.kill(driver);
		}
	}

	@Test
	void aClusterLosingAWorkerStillClassifiesEveryImageOnce() throws Exception {
		Path images = dir.resolve("images");
		SyntheticDatasetWriter.write(new SceneGenerator(64, 5), 0, IMAGES, images);
		try (LocalStandaloneCluster cluster = LocalStandaloneCluster.start(SparkJobs.jars(), dir
			.resolve("cluster"), 2, 1, "1200m"))
		{
			check(cluster, images);
		}
	}

	private void check(LocalStandaloneCluster cluster, Path images) throws Exception {
		Path out = dir.resolve("out");
		Path driverLog = dir.resolve("driver.log");
		// Submitted as spark-submit does it: its script ends in Spark's own SparkSubmit class on
		// Spark's jars alone, with the application jar as the primary resource.
		PackagedJars jars = SparkJobs.jars();
		driver = PackagedJars.jvm(PackagedJars.mainClass(jars.sparkClasspath(), List.of("-Xmx1g"),
			"org.apache.spark.deploy.SparkSubmit", List.of("--class", ClassifyJob.class.getName(),
				"--master", cluster.master(), "--deploy-mode", "client", "--executor-memory",
				"900m", "--conf", "spark.driver.host=127.0.0.1", "--conf",
				"spark.executorEnv.DJL_OFFLINE=true", jars.sparkJar().toString(), "--model",
				SparkJobs.DEMO.toString(), "--input", images.toString(), "--output", out
					.toString(),
				"--csv", "--images-per-task", "5")),
			driverLog).start();

		// kill the second worker and its executor once a few tasks are done
		int finishedAtKill = LogWatch.await(driverLog, "Finished task", 4, Duration.ofSeconds(
			150));
		assertTrue(driver.isAlive(), "the job still ran when the worker was killed");
		cluster.killWorker(1);
		assertTrue(driver.waitFor(150, TimeUnit.SECONDS), "the job ended:\n" + SparkJobs.tail(Files
			.readString(driverLog)));
		String log = Files.readString(driverLog);
		assertEquals(0, driver.exitValue(), SparkJobs.tail(log));
		assertTrue(finishedAtKill < IMAGES / 5, "killed mid-job");
		assertTrue(Pattern.compile("(?i)lost executor|executor .* lost|removed executor|executor"
			+ " removed").matcher(log).find(), "the driver saw an executor go:\n" + SparkJobs.tail(
				log));

		List<Map<String, String>> rows = SparkJobs.csv(out);
		List<Path> files = new ArrayList<>();
		for (int i = 0; i < IMAGES; i++) {
			files.add(images.resolve(String.format("scene_%05d.png", i)));
		}
		List<String> names = SparkJobs.checkScores(rows, SparkJobs.reference(files));
		assertEquals(IMAGES, names.size(), "one row per image");
		assertEquals(IMAGES, new HashSet<>(names).size(), "every image exactly once");
		// the summary counts rows as they are written: the attempts lost with the worker do not
		// count
		assertTrue(log.contains(" holds " + IMAGES + " rows (0 images could not be classified;"),
			SparkJobs.tail(log));

		// The killed worker's executor left its copy of the application jar (121 MB) behind, in
		// the cluster's own folder, which the test deletes, not in the machine's /tmp (the living
		// worker deleted its executor's folder when the application finished).
		try (Stream<Path> local = Files.walk(cluster.localFolder())) {
			long executorFolders = local.filter(p -> Files.isDirectory(p) && p.getFileName()
				.toString().startsWith("executor-")).count();
			assertTrue(executorFolders >= 1, executorFolders + " executor folders under "
				+ cluster.localFolder());
		}
	}
}
