package org.csrafiji.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.csrafiji.core.CsraException;

/**
 * One timed run of {@link ClassifyJob} on a local cluster, submitted as a user does: a new
 * driver JVM from the packaged jars ({@code java -cp 'csra-spark.jar:spark-lib/*'}), one core
 * per executor and one engine thread per executor ({@code OMP_NUM_THREADS=1},
 * {@code ai.djl.pytorch.num_threads=1}), the event log on.
 *
 * @param images the images it classified
 * @param startMs when the driver JVM was started, ms since the epoch
 * @param endMs when it had exited
 * @param events the executors' tasks, from the event log
 * @param output the job's output folder
 * @param intraOpThreads the engine's intra-op threads in each executor, as its log says
 */
public record SparkRun(int images, long startMs, long endMs, EventLog events, Path output,
	List<Integer> intraOpThreads)
{

	private static final Pattern INTRA_OP = Pattern.compile("Number of intra-op threads is (\\d+)");

	/**
	 * glibc's memory pools per executor ({@code MALLOC_ARENA_MAX}; by default 8 per CPU, one
	 * taken by each thread that allocates): two, as Hadoop's YARN bounds its containers' (4).
	 * In two memory runs of the bench with the executors' heaps pre-touched (so that their
	 * resident set grew only outside the heap), an executor grew by 8 and 34 MiB over its
	 * second 5,000 images with glibc's default, by 10 and 14 MiB with two.
	 */
	static final int MALLOC_ARENAS = 2;

	/** The driver's heap: it lists the images, hashes the checkpoint and plans the job. */
	private static final String DRIVER_HEAP = "-Xmx1g";

	/**
	 * Runs the job to its end.
	 *
	 * @param jars the packaged jars
	 * @param cluster where to submit
	 * @param options executor memory and images per task
	 * @param spec the model spec
	 * @param list the list file of images
	 * @param images how many it names
	 * @param folder a new folder for the run's output, event log and driver log
	 * @param jvms options added to the driver's and the executors' JVMs
	 * @return the run
	 * @throws IOException when the driver cannot be started
	 */
	public static SparkRun submit(PackagedJars jars, LocalStandaloneCluster cluster,
		BenchOptions options, Path spec, Path list, int images, Path folder, JobJvms jvms)
		throws IOException
	{
		Path events = Files.createDirectories(folder.resolve("events"));
		Path output = folder.resolve("out");
		Path log = folder.resolve("driver.log");
		List<String> conf = new ArrayList<>(List.of(DRIVER_HEAP, "-Dspark.jars=" + jars.sparkJar(),
			"-Dspark.driver.host=127.0.0.1", "-Dspark.executor.memory=" + options
				.executorMemory(),
			"-Dspark.executor.cores=1",
			"-Dspark.executorEnv.DJL_OFFLINE=true", "-Dspark.executorEnv.OMP_NUM_THREADS=1",
			"-Dspark.executorEnv.MKL_NUM_THREADS=1", "-Dspark.executorEnv.MALLOC_ARENA_MAX="
				+ MALLOC_ARENAS,
			"-Dspark.executor.extraJavaOptions=" + jvms.executorOptions(List.of(
				"-Dai.djl.pytorch.num_threads=1")),
			"-Dspark.eventLog.enabled=true", "-Dspark.eventLog.dir=" + events.toUri(),
			"-Dspark.eventLog.compress=false", "-Dspark.eventLog.rolling.enabled=false"));
		conf.addAll(jvms.driver());
		List<String> args = new ArrayList<>(List.of("--master", cluster.master(), "--model", spec
			.toString(), "--input", list.toString(), "--output", output.toString()));
		if (options.imagesPerTask() > 0) {
			args.addAll(List.of("--images-per-task", "" + options.imagesPerTask()));
		}
		long start = System.currentTimeMillis();
		Process driver = PackagedJars.jvm(PackagedJars.mainClass(jars.jobClasspath(), conf,
			ClassifyJob.class.getName(), args), log).start();
		int exit;
		try {
			exit = driver.waitFor();
		}
		catch (InterruptedException e) {
			ProcessTrees.kill(driver);
			Thread.currentThread().interrupt();
			throw new CsraException("Interrupted while the Spark job ran.");
		}
		long end = System.currentTimeMillis();
		if (exit != 0) {
			throw new CsraException("The Spark job failed (exit " + exit + "); the end of "
				+ log + ":\n" + LogWatch.tail(LogWatch.read(log)));
		}
		EventLog tasks = EventLog.read(events);
		List<Integer> threads = new ArrayList<>();
		for (Path stderr : cluster.executorLogs(tasks.appId())) {
			Matcher m = INTRA_OP.matcher(LogWatch.read(stderr));
			if (m.find()) {
				threads.add(Integer.parseInt(m.group(1)));
			}
		}
		return new SparkRun(images, start, end, tasks, output, List.copyOf(threads));
	}

	/** @return seconds from starting the driver JVM to its exit, as a user waits for it */
	public double wallSeconds() {
		return (endMs - startMs) / 1e3;
	}

	/**
	 * @return seconds from starting the driver to the first task: the driver's JVM and Spark,
	 *         starting the executors, the model's broadcast
	 */
	public double beforeTasksSeconds() {
		return (events.firstLaunchMs() - startMs) / 1e3;
	}

	/**
	 * @return seconds from the last task's end to the driver's exit: committing the output,
	 *         the job's count of what the output holds, stopping Spark
	 */
	public double afterTasksSeconds() {
		return (endMs - events.lastFinishMs()) / 1e3;
	}

	/** @return images per second over the driver's whole life */
	public double imagesPerSecond() {
		return images / wallSeconds();
	}

	/** @return images per second from the first task's start to the last task's end */
	public double taskImagesPerSecond() {
		return images / events.tasksSeconds();
	}
}
