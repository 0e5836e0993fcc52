package org.csrafiji.spark;

import java.nio.file.Path;
import java.util.List;

import org.csrafiji.spark.JobOptions.UsageException;

/**
 * The command line of {@link SparkBench}.
 *
 * @param images images of the scaling and overhead runs
 * @param model the model of those runs, or null for random weights of {@code arch} at
 *          {@code size}
 * @param arch the random model's architecture
 * @param size the random model's input side
 * @param memoryImages images of the memory run
 * @param memoryModel the model of the memory run
 * @param imagesPerTask images in one Spark task, or 0 to leave them to the job
 * @param executorMemory {@code spark.executor.memory} (and each worker's memory)
 * @param work the folder the bench's temporary folder is made in
 * @param json whether the report is one JSON object
 * @param keep whether the temporary folder (logs, outputs, images) is left for inspection
 * @param pin whether each one-core worker, and each one-thread {@code classify} process, runs
 *          on a CPU of its own (Linux {@code taskset}) where the machine allows it
 * @param classArchives whether the timed JVMs start with class-data archives made on this
 *          machine first ({@link BenchArchives}); the two-worker job then also runs without
 */
public record BenchOptions(int images, Path model, String arch, int size, int memoryImages,
	Path memoryModel, int imagesPerTask, String executorMemory, Path work, boolean json,
	boolean keep, boolean pin, boolean classArchives)
{

	/** What {@code --help} prints. */
	public static final String USAGE = "usage: SparkBench [--images 1000] [--model SPEC.json |"
		+ " --arch resnet50 --size 224] [--memory-images 10000] [--memory-model"
		+ " models/demo/demo.json] [--images-per-task N] [--executor-memory 1500m] [--work DIR]"
		+ " [--keep] [--no-pin] [--no-class-archives] [--json]\n"
		+ "  On a local standalone cluster started from target/spark-lib: the job with one worker\n"
		+ "  of one core, then two; plain classify on the same two cores (two --shard processes of\n"
		+ "  one thread, one process of two threads); the executors' resident memory over a long\n"
		+ "  job. Synthetic JPEGs (500 x 375) and, without --model, a random checkpoint are\n"
		+ "  written to a temporary folder under --work and deleted at the end (--keep: left there,\n"
		+ "  with the logs and outputs of every run). Each one-core worker (with its executors)\n"
		+ "  and each one-thread classify process runs on a CPU of its own (taskset) where the\n"
		+ "  machine has taskset and enough CPUs; --no-pin leaves them to the scheduler. Every\n"
		+ "  timed JVM (driver, executors, classify) starts with a class-data archive of the\n"
		+ "  classes it loads, recorded and written here first, and the two-worker job runs once\n"
		+ "  more without them; --no-class-archives runs every JVM without.";

	/**
	 * @param args the arguments
	 * @return the options
	 * @throws UsageException when one is unknown or wrong
	 */
	public static BenchOptions parse(List<String> args) {
		int images = 1000;
		String model = null;
		String arch = "resnet50";
		int size = 224;
		int memoryImages = 10_000;
		String memoryModel = "models/demo/demo.json";
		int perTask = 0;
		String memory = "1500m";
		String work = System.getProperty("java.io.tmpdir");
		boolean json = false;
		boolean keep = false;
		boolean pin = true;
		boolean archives = true;
		for (int i = 0; i < args.size(); i++) {
			String a = args.get(i);
			switch (a) {
				case "--json" -> json = true;
				case "--keep" -> keep = true;
				case "--no-pin" -> pin = false;
				case "--no-class-archives" -> archives = false;
				case "--images" -> images = JobOptions.positive(a, JobOptions.value(args, i++));
				case "--model" -> model = JobOptions.value(args, i++);
				case "--arch" -> arch = JobOptions.value(args, i++);
				case "--size" -> size = JobOptions.positive(a, JobOptions.value(args, i++));
				case "--memory-images" -> memoryImages = JobOptions.positive(a, JobOptions.value(
					args, i++));
				case "--memory-model" -> memoryModel = JobOptions.value(args, i++);
				case "--images-per-task" -> perTask = JobOptions.positive(a, JobOptions.value(args,
					i++));
				case "--executor-memory" -> memory = JobOptions.value(args, i++);
				case "--work" -> work = JobOptions.value(args, i++);
				default -> throw new UsageException("unknown option '" + a + "'");
			}
		}
		if (!memory.matches("\\d+[kmgKMG]")) {
			throw new UsageException("--executor-memory takes a size such as 1500m or 2g, not '"
				+ memory + "'");
		}
		return new BenchOptions(images, model == null ? null : Path.of(model), arch, size,
			memoryImages, Path.of(memoryModel), perTask, memory, Path.of(work), json, keep, pin,
			archives);
	}
}
