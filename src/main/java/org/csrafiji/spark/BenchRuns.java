package org.csrafiji.spark;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.csrafiji.bench.RandomCheckpoint;
import org.csrafiji.bench.SyntheticPhotos;
import org.csrafiji.core.CsraException;
import org.csrafiji.core.InputSpec;
import org.csrafiji.core.ModelSpec;
import org.csrafiji.core.ModelSpecs;
import org.csrafiji.eval.SampleKeys;

/**
 * The runs of {@link SparkBench}, one after another on this machine, and what they measured:
 * <ol>
 * <li>scaling: the job over the same images on a cluster of one one-core worker, then of two
 * (each cluster first runs one short untimed job; with class-data archives, the one-worker
 * cluster first records the classes for them, {@link BenchArchives});</li>
 * <li>overhead: plain {@code classify} over the same images on the same two cores, as two
 * {@code --shard} processes of one engine thread each (what the two executors are) and as one
 * process of two threads;</li>
 * <li>memory: a long job on the two-worker cluster, its executors' resident memory sampled.</li>
 * </ol>
 * Every run's output is then checked to hold every image exactly once.
 */
final class BenchRuns {

	/** The scaling the issue asks of two one-core workers over one. */
	static final double SCALING_GOAL = 1.8;
	/** The most Spark may cost over plain classify on the same cores. */
	static final double OVERHEAD_GOAL = 0.10;
	/**
	 * The most an executor's resident memory may grow over the second half of the memory run
	 * and still count as flat, as a fraction of its size at the half-way mark. A per-image leak
	 * of anything an image passes through (a decoded 500 x 375 RGB image is 0.55 MiB, the demo
	 * model's 3 x 256 x 256 float input 0.75 MiB) over the thousands of images an executor
	 * classifies in that half would grow it by gigabytes; 5 % of an executor (tens of MiB)
	 * leaves room for the JVM resizing its heap and the allocator its arenas, which stop at a
	 * bound.
	 */
	static final double FLAT_FRACTION = 0.05;
	/** The seed of the synthetic images. */
	private static final long SEED = 11;
	private static final Duration RSS_PERIOD = Duration.ofMillis(250);
	/**
	 * Images of the run that records the classes for the archives, and of each cluster's
	 * untimed first job: two tasks of 16.
	 */
	private static final int ARCHIVE_IMAGES = 32;
	/** The two-worker job again, its JVMs without the class-data archives. */
	private static final String WITHOUT_ARCHIVES = "spark_2_workers_without_class_archives";

	private final BenchOptions options;
	private final PackagedJars jars;
	private final Path work;
	private final PrintStream err;
	private BenchArchives archives;
	private final Map<String, Object> report = new LinkedHashMap<>();
	private final Map<String, Object> outputs = new LinkedHashMap<>();

	/**
	 * @param options what to run
	 * @param jars the packaged jars
	 * @param work an empty temporary folder the runs may fill
	 * @param err where progress goes
	 */
	BenchRuns(BenchOptions options, PackagedJars jars, Path work, PrintStream err) {
		this.options = options;
		this.jars = jars;
		this.work = work;
		this.err = err;
	}

	/** @return the report, keys in the order measured */
	Map<String, Object> run() throws IOException {
		ModelSpec memorySpec = ModelSpecs.read(options.memoryModel());
		Path spec = scalingModel();
		int n = options.images();
		int m = options.memoryImages();
		err.println("spark bench: writing " + Math.max(n, m) + " synthetic JPEGs ("
			+ SyntheticPhotos.WIDTH + " x " + SyntheticPhotos.HEIGHT + ")");
		List<Path> all = SyntheticPhotos.write(work.resolve("images"), Math.max(n, m), SEED);
		List<Path> images = all.subList(0, n);
		List<Path> memoryImages = all.subList(0, m);
		Path list = list("scaling.txt", images);
		Path memoryList = list("memory.txt", memoryImages);

		report.put("model", describe(ModelSpecs.read(spec)));
		report.put("images", n);
		report.put("images_per_task", options.imagesPerTask() > 0
			? options.imagesPerTask()
			: "chosen by the job");
		report.put("executor_memory", options.executorMemory());
		report.put("cores_pinned", pinned());
		report.put("class_archives", options.classArchives());
		List<Path> firstImages = images.subList(0, Math.min(ARCHIVE_IMAGES, n));
		report.put("warm_up_images", firstImages.size());
		SparkRun one;
		try (LocalStandaloneCluster c = cluster(1)) {
			if (options.classArchives()) {
				archives = BenchArchives.make(jars, c, options, spec, firstImages, Files
					.createDirectories(work.resolve("archives")), err);
				report.put("class_archives_s", archives.seconds());
				report.put("class_archives_mib", archives.mib());
				c.awaitNoExecutors(Duration.ofSeconds(30));
			}
			warmUp(c, spec, firstImages);
			one = job("spark_1_worker", c, spec, list, n, null, archives);
		}
		SparkRun two;
		SparkRun plain = null;
		SparkRun memory;
		RssSampler rss;
		try (LocalStandaloneCluster c = cluster(2)) {
			warmUp(c, spec, firstImages);
			two = job("spark_2_workers", c, spec, list, n, null, archives);
			if (archives != null) {
				c.awaitNoExecutors(Duration.ofSeconds(30));
				plain = job(WITHOUT_ARCHIVES, c, spec, list, n, null, null);
			}
			c.awaitNoExecutors(Duration.ofSeconds(30));
			rss = new RssSampler(c, RSS_PERIOD);
			try (rss) {
				memory = job("memory", c, options.memoryModel(), memoryList, m, rss, archives);
			}
		}
		report.put("scaling", two.imagesPerSecond() / one.imagesPerSecond());
		report.put("scaling_tasks", two.taskImagesPerSecond() / one.taskImagesPerSecond());
		report.put("scaling_goal_met", (double) report.get("scaling") >= SCALING_GOAL);

		ClassifyRun shards = classify("classify_2x1", spec, images, 2, 1);
		ClassifyRun threads = classify("classify_1x2", spec, images, 1, 2);
		report.put("overhead_vs_classify_2x1", two.wallSeconds() / shards.wallSeconds() - 1);
		report.put("overhead_vs_classify_1x2", two.wallSeconds() / threads.wallSeconds() - 1);
		report.put("overhead_goal_met",
			(double) report.get("overhead_vs_classify_2x1") <= OVERHEAD_GOAL);

		if (plain != null) {
			report.put("class_archives_saving_s", plain.wallSeconds() - two.wallSeconds());
		}

		memory(memorySpec, memory, rss);
		Map<String, SparkRun> jobs = new LinkedHashMap<>(Map.of("spark_1_worker", one,
			"spark_2_workers", two, "memory", memory));
		if (plain != null) {
			jobs.put(WITHOUT_ARCHIVES, plain);
		}
		check(jobs, Map.of("classify_2x1", shards, "classify_1x2", threads), keys(images), keys(
			memoryImages));
		return report;
	}

	private Path scalingModel() {
		if (options.model() != null) {
			ModelSpecs.read(options.model());
			return options.model();
		}
		err.println("spark bench: writing a random " + options.arch() + " checkpoint");
		return RandomCheckpoint.write(RandomCheckpoint.spec(options.arch(), InputSpec.unitRange(
			options.size()), 20, 1, 0.1), work);
	}

	private static String describe(ModelSpec spec) {
		return spec.name() + " (" + spec.architecture() + " at " + spec.input().size() + ", "
			+ spec.classes().size() + " classes" + ("random".equals(spec.name())
				? ", random weights)"
				: ")");
	}

	private Path list(String name, List<Path> images) throws IOException {
		return Files.write(work.resolve(name), images.stream().map(Path::toString).toList());
	}

	private LocalStandaloneCluster cluster(int workers) throws IOException {
		err.println("spark bench: starting a standalone cluster of " + workers
			+ " one-core worker(s)");
		return LocalStandaloneCluster.start(jars, work.resolve("cluster-" + workers), workers, 1,
			options.executorMemory(), pinned());
	}

	/**
	 * @return whether each one-core worker and each one-thread classify process gets a CPU of
	 *         its own: asked for, and this machine can (two CPUs, taskset)
	 */
	private boolean pinned() {
		return options.pin() && LocalStandaloneCluster.pinnable(2, 1);
	}

	/**
	 * One short job on a cluster before its timed runs, untimed, as on a cluster whose master
	 * and workers were started long before the job. A one-core worker shares its CPU with its
	 * executor, and a daemon that has just started still compiles its own code there: in
	 * pairs of timed jobs on one fresh two-worker cluster, the second one's tasks ran 5-10 %
	 * faster whichever came first.
	 */
	private void warmUp(LocalStandaloneCluster cluster, Path spec, List<Path> images)
		throws IOException
	{
		String name = "warm_up_" + cluster.workers().size();
		err.println("spark bench: " + name + ": the Spark job over " + images.size()
			+ " images, untimed, before the cluster's timed runs");
		Path folder = Files.createDirectories(work.resolve(name));
		SparkRun.submit(jars, cluster, options, spec, list(name + ".txt", images), images.size(),
			folder, archives == null ? JobJvms.NONE : archives.job(folder));
		cluster.awaitNoExecutors(Duration.ofSeconds(30));
	}

	/** @param with the archives its JVMs start with, or null for none */
	private SparkRun job(String name, LocalStandaloneCluster cluster, Path spec, Path list,
		int images, RssSampler rss, BenchArchives with) throws IOException
	{
		err.println("spark bench: " + name + ": the Spark job over " + images + " images");
		Path folder = Files.createDirectories(work.resolve(name));
		SparkRun r = SparkRun.submit(jars, cluster, options, spec, list, images, folder,
			with == null ? JobJvms.NONE : with.job(folder));
		if (with != null) {
			report.put(name + "_class_archives_used", BenchArchives.usedIn(folder));
		}
		if (rss == null) {
			report.put(name + "_s", r.wallSeconds());
			report.put(name + "_images_per_s", r.imagesPerSecond());
			report.put(name + "_before_tasks_s", r.beforeTasksSeconds());
			report.put(name + "_tasks_s", r.events().tasksSeconds());
			report.put(name + "_after_tasks_s", r.afterTasksSeconds());
			report.put(name + "_tasks_images_per_s", r.taskImagesPerSecond());
			report.put(name + "_first_task_s", r.events().firstTaskSeconds());
			report.put(name + "_task_cpu_share", r.events().taskCpuShare());
			report.put(name + "_executors", r.events().executors());
			report.put(name + "_intra_op_threads", r.intraOpThreads());
		}
		return r;
	}

	private ClassifyRun classify(String name, Path spec, List<Path> images, int processes,
		int threads) throws IOException
	{
		err.println("spark bench: " + name + ": classify over " + images.size() + " images, "
			+ processes + " process(es) of " + threads + " engine thread(s)");
		Path folder = Files.createDirectories(work.resolve(name));
		ClassifyRun r = ClassifyRun.run(jars, spec, images, processes, threads, folder, pinned()
			&& threads == 1, archives == null ? List.of() : archives.classify(folder));
		if (archives != null) {
			report.put(name + "_class_archives_used", BenchArchives.usedIn(folder));
		}
		report.put(name + "_s", r.wallSeconds());
		report.put(name + "_images_per_s", r.imagesPerSecond());
		return r;
	}

	/** Resident memory of each executor when the job as a whole had classified 10 %, 50 %, all. */
	private void memory(ModelSpec spec, SparkRun run, RssSampler rss) {
		report.put("memory_model", describe(spec));
		report.put("memory_images", run.images());
		report.put("memory_s", run.wallSeconds());
		List<Long> executors = rss.executors(run.events().appId());
		if (executors.isEmpty()) {
			throw new CsraException("No executor's memory could be read (the bench reads"
				+ " /proc/PID/status, which needs Linux).");
		}
		report.put("memory_executors", executors.size());
		report.put("memory_executor_cpus", executors.stream().map(rss::cpusOf).toList());
		int[] marks = {Math.max(1, run.images() / 10), Math.max(1, run.images() / 2), run
			.images()};
		double[][] mib = new double[marks.length][executors.size()];
		for (int k = 0; k < marks.length; k++) {
			long t = run.events().timeOfRows(marks[k]);
			for (int e = 0; e < executors.size(); e++) {
				mib[k][e] = rss.rssMibAt(executors.get(e), t);
			}
			report.put("rss_mib_after_" + marks[k], toList(mib[k]));
		}
		heap(run, rss, executors, marks, mib);
		double whole = 0;
		double half = 0;
		double limit = Double.MAX_VALUE;
		for (int e = 0; e < executors.size(); e++) {
			whole = Math.max(whole, mib[2][e] - mib[0][e]);
			half = Math.max(half, mib[2][e] - mib[1][e]);
			limit = Math.min(limit, FLAT_FRACTION * mib[1][e]);
		}
		report.put("rss_growth_mib_10_to_100_percent", whole);
		report.put("rss_growth_mib_50_to_100_percent", half);
		report.put("rss_flat_limit_mib", limit);
		report.put("rss_flat", half <= limit);
	}

	/**
	 * The executors' Java heaps at the same marks (committed and used, from jstat) and the
	 * resident set minus the committed heap (libtorch, the model, the JVM itself; a lower bound,
	 * as committed heap pages need not all be resident), with that part's growth over the
	 * second half.
	 */
	private void heap(SparkRun run, RssSampler rss, List<Long> executors, int[] marks,
		double[][] mib)
	{
		double[][] committed = new double[marks.length][executors.size()];
		double[][] used = new double[marks.length][executors.size()];
		double[][] outside = new double[marks.length][executors.size()];
		for (int k = 0; k < marks.length; k++) {
			long t = run.events().timeOfRows(marks[k]);
			for (int e = 0; e < executors.size(); e++) {
				RssSampler.HeapSample h = rss.heapAt(executors.get(e), t);
				committed[k][e] = h == null ? Double.NaN : h.committedKb() / 1024.0;
				used[k][e] = h == null ? Double.NaN : h.usedKb() / 1024.0;
				outside[k][e] = mib[k][e] - committed[k][e];
			}
			report.put("heap_committed_mib_after_" + marks[k], toList(committed[k]));
			report.put("heap_used_mib_after_" + marks[k], toList(used[k]));
			report.put("rss_outside_heap_mib_after_" + marks[k], toList(outside[k]));
		}
		double half = Double.NaN;
		for (int e = 0; e < executors.size(); e++) {
			double g = outside[2][e] - outside[1][e];
			if (!Double.isNaN(g)) {
				half = Double.isNaN(half) ? g : Math.max(half, g); // executors with heap readings
			}
		}
		report.put("rss_outside_heap_growth_mib_50_to_100_percent", half);
	}

	private static List<Double> toList(double[] v) {
		List<Double> l = new ArrayList<>();
		for (double d : v) {
			l.add(d);
		}
		return l;
	}

	private void check(Map<String, SparkRun> jobs, Map<String, ClassifyRun> plain,
		Set<String> images, Set<String> memoryImages) throws IOException
	{
		err.println("spark bench: checking every output");
		boolean ok = true;
		for (String name : jobs.keySet()) {
			SparkRun r = jobs.get(name);
			OutputCheck c = OutputCheck.ofJob(r.output(), "memory".equals(name)
				? memoryImages
				: images);
			ok &= put(name, c, r.images());
		}
		for (String name : List.of("classify_2x1", "classify_1x2")) {
			ClassifyRun r = plain.get(name);
			ok &= put(name, OutputCheck.ofClassify(r.csvs(), images), r.images());
		}
		report.put("outputs", outputs);
		report.put("every_image_exactly_once", ok);
	}

	private boolean put(String name, OutputCheck c, int images) {
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("rows", c.rows());
		m.put("distinct", c.distinct());
		m.put("missing", c.missing());
		m.put("unexpected", c.unexpected());
		m.put("errors", c.errors());
		outputs.put(name, m);
		return c.exactlyOnce(images);
	}

	private static Set<String> keys(List<Path> images) {
		Set<String> keys = new LinkedHashSet<>();
		for (Path p : images) {
			keys.add(SampleKeys.of(p.toString()));
		}
		return keys;
	}
}
