package org.csrafiji.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A real Spark standalone cluster on 127.0.0.1, started from the packaged jars ({@link
 * PackagedJars#sparkLib()}) without a Spark install: a master and N workers in child JVMs,
 * each worker offering a number of cores and an amount of memory. Workers start executors with
 * the jars of {@code SPARK_HOME/jars}, so {@code SPARK_HOME} is a folder whose {@code jars}
 * links to {@code spark-lib}. Closing it kills every process it started, executors included.
 * <p>
 * Every process of the cluster keeps its scratch files (Spark's {@code SPARK_LOCAL_DIRS}: each
 * executor's copy of the application jar, its block manager) in {@code DIR/local}, not in the
 * machine's temporary folder: a worker deletes an application's folders there only when it
 * hears that the application finished, and a killed worker never does, which left 121 MB (the
 * jar) in {@code /tmp} for every executor of a killed or closed cluster. Deleting {@code DIR}
 * removes them all.
 */
public final class LocalStandaloneCluster implements AutoCloseable {

	/** How long the master may take to see every worker register. */
	private static final Duration START_LIMIT = Duration.ofSeconds(90);

	private final Path dir;
	private final String master;
	private final List<Process> processes;
	private final List<Process> workers;

	private LocalStandaloneCluster(Path dir, String master, List<Process> processes,
		List<Process> workers)
	{
		this.dir = dir;
		this.master = master;
		this.processes = processes;
		this.workers = workers;
	}

	/**
	 * Starts the cluster and waits until every worker has registered with the master.
	 *
	 * @param jars the packaged jars (Spark's own from {@code spark-lib})
	 * @param dir a folder for the cluster's files: SPARK_HOME, logs, the workers' work folders
	 * @param workers how many workers
	 * @param cores cores each worker offers
	 * @param memory memory each worker offers to executors, e.g. {@code 2g}
	 * @return the running cluster
	 * @throws IOException when a process cannot be started or its folder written
	 */
	public static LocalStandaloneCluster start(PackagedJars jars, Path dir, int workers, int cores,
		String memory) throws IOException
	{
		return start(jars, dir, workers, cores, memory, false);
	}

	/**
	 * Starts the cluster, optionally with each worker (and so its executors) on CPUs of its own.
	 *
	 * @param jars the packaged jars (Spark's own from {@code spark-lib})
	 * @param dir a folder for the cluster's files: SPARK_HOME, logs, the workers' work folders
	 * @param workers how many workers
	 * @param cores cores each worker offers
	 * @param memory memory each worker offers to executors, e.g. {@code 2g}
	 * @param pinned whether worker {@code w} runs on CPUs {@code w * cores} to {@code (w + 1) *
	 *          cores - 1} only (see {@link #pinnable}); the master is not pinned
	 * @return the running cluster
	 * @throws IOException when a process cannot be started or its folder written
	 */
	public static LocalStandaloneCluster start(PackagedJars jars, Path dir, int workers, int cores,
		String memory, boolean pinned) throws IOException
	{
		if (pinned && !pinnable(workers, cores)) {
			throw new IllegalArgumentException(workers + " workers of " + cores
				+ " cores cannot be pinned here (taskset missing or too few CPUs)");
		}
		Path sparkHome = Files.createDirectories(dir.resolve("spark-home"));
		Files.createSymbolicLink(sparkHome.resolve("jars"), jars.sparkLib());
		int port = freePort();
		String master = "spark://127.0.0.1:" + port;
		List<Process> all = new ArrayList<>();
		List<Process> started = new ArrayList<>();
		LocalStandaloneCluster cluster = new LocalStandaloneCluster(dir, master, all,
			started);
		try {
			Path masterLog = dir.resolve("master.log");
			Path local = Files.createDirectories(cluster.localFolder());
			all.add(daemon(jars, "org.apache.spark.deploy.master.Master", List.of("--host",
				"127.0.0.1", "--port", "" + port, "--webui-port", "" + freePort()), masterLog,
				sparkHome, local, -1, 0));
			for (int w = 0; w < workers; w++) {
				Process worker = daemon(jars, "org.apache.spark.deploy.worker.Worker", List.of(
					"--host", "127.0.0.1", "--cores", "" + cores, "--memory", memory,
					"--webui-port", "" + freePort(), "--work-dir", dir.resolve("work" + w)
						.toString(),
					master), dir.resolve("worker" + w + ".log"), sparkHome, local,
					pinned
						? w * cores
						: -1,
					cores);
				all.add(worker);
				started.add(worker);
			}
			LogWatch.await(masterLog, "Registering worker", workers, START_LIMIT);
			return cluster;
		}
		catch (RuntimeException | IOException e) {
			cluster.close();
			throw e;
		}
	}

	/**
	 * @param workers how many workers
	 * @param cores cores of each
	 * @return whether this machine can give each worker CPUs of its own
	 */
	public static boolean pinnable(int workers, int cores) {
		return CpuPinning.available(workers * cores);
	}

	/** @return the master's URL, {@code spark://127.0.0.1:PORT} */
	public String master() {
		return master;
	}

	/** @return the folder of every process's scratch files ({@code SPARK_LOCAL_DIRS}) */
	public Path localFolder() {
		return dir.resolve("local");
	}

	/** @return the worker processes, in the order started */
	public List<Process> workers() {
		return List.copyOf(workers);
	}

	/**
	 * Kills a worker and its executors at once, as a lost machine would.
	 *
	 * @param index the worker, counted from 0
	 */
	public void killWorker(int index) {
		ProcessTrees.kill(workers.get(index));
	}

	/**
	 * @return the executor JVMs the living workers run now, by process id (an executor is a
	 *         worker's child running {@code CoarseGrainedExecutorBackend})
	 */
	public List<ProcessHandle> executors() {
		List<ProcessHandle> out = new ArrayList<>();
		for (Process w : workers) {
			w.descendants().filter(h -> h.info().commandLine().orElse("").contains(
				"CoarseGrainedExecutorBackend")).forEach(out::add);
		}
		return out;
	}

	/**
	 * @param appId an application's id
	 * @return the standard error logs of its executors ({@code WORK/APP/EXECUTOR/stderr})
	 */
	public List<Path> executorLogs(String appId) {
		List<Path> logs = new ArrayList<>();
		for (int w = 0; w < workers.size(); w++) {
			Path app = dir.resolve("work" + w).resolve(appId);
			if (Files.isDirectory(app)) {
				try (Stream<Path> executors = Files.list(app)) {
					executors.map(e -> e.resolve("stderr")).filter(Files::isRegularFile).forEach(
						logs::add);
				}
				catch (IOException e) {
					throw new UncheckedIOException(e);
				}
			}
		}
		return logs;
	}

	/**
	 * Waits until the executors of an application that ended have exited.
	 *
	 * @param limit how long at most
	 */
	public void awaitNoExecutors(Duration limit) {
		long end = System.nanoTime() + limit.toNanos();
		try {
			while (!executors().isEmpty() && System.nanoTime() < end) {
				Thread.sleep(100);
			}
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void close() {
		for (Process p : processes) {
			ProcessTrees.kill(p);
		}
	}

	/** @param firstCpu the first of its CPUs, or -1 to leave it unpinned */
	private static Process daemon(PackagedJars jars, String main, List<String> args, Path log,
		Path sparkHome, Path local, int firstCpu, int cpus) throws IOException
	{
		ProcessBuilder pb = PackagedJars.jvm(PackagedJars.mainClass(jars.sparkClasspath(), List.of(
			"-Xmx512m"), main, args), log);
		if (firstCpu >= 0) {
			pb.command(CpuPinning.on(firstCpu, cpus, pb.command()));
		}
		Map<String, String> env = pb.environment();
		env.put("SPARK_HOME", sparkHome.toString());
		env.put("SPARK_SCALA_VERSION", "2.13");
		env.put("SPARK_LOCAL_DIRS", local.toString());
		return pb.start();
	}

	private static int freePort() {
		try (ServerSocket s = new ServerSocket(0)) {
			return s.getLocalPort();
		}
		catch (IOException e) {
			throw new UncheckedIOException("No free port on this machine: " + e.getMessage(), e);
		}
	}
}
