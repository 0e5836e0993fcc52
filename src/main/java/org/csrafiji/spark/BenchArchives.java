package org.csrafiji.spark;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.csrafiji.core.CsraException;

/**
 * The class-data archives ({@link ClassArchives}) the bench's JVMs start with, made on this
 * machine before the timed runs: one recorded run of the job (driver and one executor) and of
 * {@code classify}, then one archive per kind of JVM for the class path it has. The timed runs
 * log whether each JVM mapped its archive ({@link #usedIn}).
 *
 * @param driver the driver's archive (class path: the job's jar, then Spark's)
 * @param executor the executors' archive (class path: what the worker gives an executor)
 * @param classify the archive of {@code java -jar csra.jar}
 * @param seconds how long recording and writing them took
 */
record BenchArchives(Path driver, Path executor, Path classify, double seconds) {

	/** The names of the {@code cds} logs the timed runs write, by kind of JVM. */
	private static final String DRIVER_LOG = "cds-driver";
	private static final String EXECUTOR_LOG = "cds-executor-";
	private static final String CLASSIFY_LOG = "cds-classify-";

	/**
	 * Records and writes the archives.
	 *
	 * @param jars the packaged jars
	 * @param cluster a running cluster whose workers' executors get the class path the timed
	 *          runs' executors get (the same {@code spark-lib}; its folder may differ)
	 * @param options executor memory and images per task
	 * @param spec the model spec
	 * @param images images to classify while recording (a few tasks' worth)
	 * @param folder a new folder for the lists, logs and archives
	 * @param err where progress goes
	 * @return the archives
	 * @throws IOException when a process cannot be started or a file written
	 */
	static BenchArchives make(PackagedJars jars, LocalStandaloneCluster cluster,
		BenchOptions options, Path spec, List<Path> images, Path folder, PrintStream err)
		throws IOException
	{
		long t = System.nanoTime();
		err.println("spark bench: recording the classes the driver, an executor and classify"
			+ " load, for class-data archives");
		Path driverList = Dump.list(folder, "driver");
		Path executorList = Dump.list(folder, "executor");
		Path classifyList = Dump.list(folder, "classify");
		Path list = Files.write(folder.resolve("images.txt"), images.stream().map(Path::toString)
			.toList());
		SparkRun job = SparkRun.submit(jars, cluster, options, spec, list, images.size(), Files
			.createDirectories(folder.resolve("job")),
			new JobJvms(List.of(ClassArchives.record(
				driverList)), List.of(ClassArchives.record(executorList))));
		List<Path> executorLogs = cluster.executorLogs(job.events().appId());
		if (executorLogs.size() != 1) {
			throw new CsraException("The recording job ran " + executorLogs.size()
				+ " executors; it needs a cluster of one worker.");
		}
		String executorClasspath = ClassArchives.executorClasspath(executorLogs.get(0));
		ClassifyRun.run(jars, spec, images, 1, 1, Files.createDirectories(folder.resolve(
			"classify")), false, List.of(ClassArchives.record(classifyList)));

		err.println("spark bench: writing the class-data archives");
		List<Dump> dumps = List.of(new Dump(folder, "driver", jars.jobClasspath()), new Dump(
			folder, "executor", executorClasspath),
			new Dump(folder, "classify", jars.csraJar()
				.toString()));
		// the three at once: each is one JVM, mostly on one core
		List<Process> started = new ArrayList<>();
		try {
			for (Dump d : dumps) {
				started.add(ClassArchives.dump(d.list(), d.classpath(), d.archive(), d.log()));
			}
			for (int i = 0; i < dumps.size(); i++) {
				ClassArchives.await(started.get(i), dumps.get(i).archive(), dumps.get(i).log());
			}
		}
		finally {
			started.forEach(ProcessTrees::kill);
		}
		return new BenchArchives(dumps.get(0).archive(), dumps.get(1).archive(), dumps.get(2)
			.archive(), (System.nanoTime() - t) / 1e9);
	}

	/**
	 * One archive to write, for one kind of JVM, from its class list, in the bench's folder.
	 *
	 * @param folder the folder of lists, archives and logs
	 * @param kind {@code driver}, {@code executor} or {@code classify}
	 * @param classpath the class path of the JVMs of that kind
	 */
	private record Dump(Path folder, String kind, String classpath) {

		static Path list(Path folder, String kind) {
			return folder.resolve(kind + ".classlist");
		}

		Path list() {
			return list(folder, kind);
		}

		Path archive() {
			return folder.resolve(kind + ".jsa");
		}

		Path log() {
			return folder.resolve("dump-" + kind + ".log");
		}
	}

	/**
	 * @param run the folder of a timed job
	 * @return the options its driver and executors start with: the archives, and each JVM's
	 *         {@code cds} log in that folder
	 */
	JobJvms job(Path run) {
		Path driverLog = run.resolve(DRIVER_LOG + ".log");
		Path executorLogs = run.resolve(EXECUTOR_LOG + "%p.log");
		return new JobJvms(List.of(ClassArchives.use(driver), ClassArchives.log(driverLog)),
			List.of(ClassArchives.use(executor), ClassArchives.log(executorLogs)));
	}

	/**
	 * @param run the folder of a timed {@code classify} run
	 * @return the options each of its processes starts with
	 */
	List<String> classify(Path run) {
		return List.of(ClassArchives.use(classify), ClassArchives.log(run.resolve(CLASSIFY_LOG
			+ "%p.log")));
	}

	/**
	 * @param run the folder of a timed run
	 * @return how many of its JVMs logged their archive, and whether each mapped it
	 * @throws IOException when the folder cannot be listed
	 */
	static List<Boolean> usedIn(Path run) throws IOException {
		return ClassArchives.logs(run, "cds-").stream().map(ClassArchives::used).toList();
	}

	/** @return the archives' sizes in MiB: driver, executor, classify */
	List<Double> mib() throws IOException {
		return List.of(Files.size(driver) / 1048576.0, Files.size(executor) / 1048576.0, Files
			.size(classify) / 1048576.0);
	}
}
