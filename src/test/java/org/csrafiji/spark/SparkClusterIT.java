package org.csrafiji.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.csrafiji.train.synthetic.SceneGenerator;
import org.csrafiji.train.synthetic.SyntheticDatasetWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real standalone cluster on 127.0.0.1 from the packaged jars: a master and two one-core
 * workers in child JVMs, the job submitted to it, one worker (with its executor) killed while
 * the job runs. The job must still finish with every image exactly once and every score equal
 * to single-machine classification.
 */
class SparkClusterIT {

	private static final int IMAGES = 300;

	@TempDir
	Path dir;

	private final List<Process> processes = new ArrayList<>();

	@AfterEach
	void stop() throws InterruptedException {
		for (Process p : processes) {
			kill(p);
		}
	}

	@Test
	void aClusterLosingAWorkerStillClassifiesEveryImageOnce() throws Exception {
		Path images = dir.resolve("images");
		SyntheticDatasetWriter.write(new SceneGenerator(64, 5), 0, IMAGES, images);

		// Workers start executors with the jars of SPARK_HOME/jars: Spark's own, from the build
		Path sparkHome = Files.createDirectories(dir.resolve("spark-home"));
		Files.createSymbolicLink(sparkHome.resolve("jars"),
			SparkJobs.target().resolve("spark-lib"));
		int port = freePort();
		String master = "spark://127.0.0.1:" + port;
		Path masterLog = dir.resolve("master.log");
		processes.add(daemon("org.apache.spark.deploy.master.Master", List.of("--host", "127.0.0.1",
			"--port", "" + port, "--webui-port", "" + freePort()), masterLog, sparkHome));
		List<Process> workers = new ArrayList<>();
		for (int w = 0; w < 2; w++) {
			Process worker = daemon("org.apache.spark.deploy.worker.Worker", List.of("--host",
				"127.0.0.1", "--cores", "1", "--memory", "1200m", "--webui-port", "" + freePort(),
				"--work-dir", dir.resolve("work" + w).toString(), master),
				dir.resolve("worker" + w
					+ ".log"),
				sparkHome);
			processes.add(worker);
			workers.add(worker);
		}
		waitFor(masterLog, "Registering worker", 2, 90);

		Path out = dir.resolve("out");
		Path driverLog = dir.resolve("driver.log");
		Process driver = SparkJobs.start(ClassifyJob.class.getName(), List.of("-Dspark.jars="
			+ SparkJobs.target().resolve("csra-spark.jar"), "-Dspark.executor.memory=900m",
			"-Dspark.driver.host=127.0.0.1", "-Dspark.executorEnv.DJL_OFFLINE=true"),
			List.of(
				"--master", master, "--model", SparkJobs.DEMO.toString(), "--input",
				images.toString(),
				"--output", out.toString(), "--csv", "--images-per-task", "5"),
			driverLog);
		processes.add(driver);

		// kill the second worker and its executor once a few tasks are done
		int finishedAtKill = waitFor(driverLog, "Finished task", 4, 150);
		assertTrue(driver.isAlive(), "the job still ran when the worker was killed");
		kill(workers.get(1));
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
	}

	private Process daemon(String main, List<String> args, Path log, Path sparkHome)
		throws IOException
	{
		List<String> cmd = new ArrayList<>(List.of(SparkJobs.java(), "-Xmx512m", "-cp", SparkJobs
			.target().resolve("spark-lib") + "/*", main));
		cmd.addAll(args);
		ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log
			.toFile());
		pb.environment().put("SPARK_HOME", sparkHome.toString());
		pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
		pb.environment().put("SPARK_SCALA_VERSION", "2.13");
		pb.environment().put("DJL_OFFLINE", "true");
		pb.environment().put("OPT_OUT_TRACKING", "true");
		return pb.start();
	}

	/** @return how often {@code what} occurs in the log when it reached {@code times} */
	private static int waitFor(Path log, String what, int times, int seconds) throws Exception {
		long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
		while (System.nanoTime() < end) {
			String s = Files.exists(log) ? Files.readString(log) : "";
			int n = s.split(Pattern.quote(what), -1).length - 1;
			if (n >= times) {
				return n;
			}
			Thread.sleep(100);
		}
		throw new AssertionError("'" + what + "' not " + times + " times in " + log + " within "
			+ seconds + " s:\n" + SparkJobs.tail(Files.readString(log)));
	}

	/** Kills a process and everything it started (a worker's executors), as a lost node would. */
	private static void kill(Process p) throws InterruptedException {
		List<ProcessHandle> all = new ArrayList<>(p.descendants().toList());
		all.add(p.toHandle());
		for (ProcessHandle h : all) {
			h.destroyForcibly();
		}
		p.waitFor(30, TimeUnit.SECONDS);
	}

	private static int freePort() throws IOException {
		try (ServerSocket s = new ServerSocket(0)) {
			return s.getLocalPort();
		}
	}
}
