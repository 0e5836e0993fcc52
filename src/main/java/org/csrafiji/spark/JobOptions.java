package org.csrafiji.spark;

import java.nio.file.Path;
import java.util.List;

import org.csrafiji.core.CsraException;

/**
 * The command line of {@link ClassifyJob}.
 *
 * @param master the Spark master ({@code local[2]}, {@code spark://host:7077}), or null to take
 *          it from {@code spark-submit}
 * @param model the model spec on the driver's file system
 * @param input folder, glob or list file of images (path or Hadoop file system URI)
 * @param output the output folder (path or URI): {@code parquet/} and, with --csv, {@code csv/}
 * @param csv whether to also write the predictions as CSV
 * @param evaluate labels to evaluate the predictions against, or null
 * @param allSlices whether every slice position of a stack is classified
 * @param imagesPerTask images in one Spark task (what a retry repeats), or 0 to choose them
 *          from the job's size ({@link #perTask(int, int)}); a job of more than
 *          {@link #MOST_TASKS} tasks gets larger ones ({@link #tasks(int, int)})
 */
public record JobOptions(String master, Path model, String input, String output, boolean csv,
	Path evaluate, boolean allSlices, int imagesPerTask)
{

	/**
	 * The most tasks one job is split into. A million images at 16 a task would be 62,500
	 * tasks, whose records the driver keeps and schedules one by one; beyond this many, each
	 * task takes more images instead (ten million images: 500 a task).
	 */
	public static final int MOST_TASKS = 20_000;

	/**
	 * The images per task chosen for a job large enough: each task also opens a Parquet file,
	 * commits it and starts its read-ahead afresh. Measured (2026-11-30 02:00, two one-core
	 * executors, 640 images, two pairs): per image after each executor's first task, 0.11-0.12 s
	 * with 64-image tasks against 0.13-0.15 s with 16-image ones.
	 */
	public static final int LARGE_TASK = 64;

	/** The fewest images per task chosen (the size before {@link #LARGE_TASK}). */
	public static final int SMALL_TASK = 16;

	/** What {@code --help} prints. */
	public static final String USAGE = "usage: ClassifyJob [--master local[2]|spark://HOST:7077]"
		+ " --model SPEC.json --input DIR|GLOB|LIST.txt --output OUT [--csv] [--evaluate LABELS]"
		+ " [--all-slices] [--images-per-task N]\n"
		+ "  input and output may be Hadoop file system URIs (hdfs://, s3a://, file:);\n"
		+ "  predictions go to OUT/parquet (and OUT/csv with --csv); a second run with the same\n"
		+ "  OUT classifies only the images not yet there. Images per task, unless given: "
		+ LARGE_TASK + " where that\n  leaves at least 4 tasks per core, fewer (down to "
		+ SMALL_TASK
		+ ") where not; a job of more than " + MOST_TASKS + " tasks\n  gets more.";

	/** A wrong command line. */
	public static final class UsageException extends CsraException {

		private static final long serialVersionUID = 1L;

		UsageException(String message) {
			super(message);
		}
	}

	/**
	 * @param args the arguments
	 * @return the options
	 * @throws UsageException when they are incomplete or wrong
	 */
	public static JobOptions parse(List<String> args) {
		String master = null;
		String model = null;
		String input = null;
		String output = null;
		String evaluate = null;
		boolean csv = false;
		boolean allSlices = false;
		int perTask = 0;
		for (int i = 0; i < args.size(); i++) {
			String a = args.get(i);
			switch (a) {
				case "--csv" -> csv = true;
				case "--all-slices" -> allSlices = true;
				case "--master" -> master = value(args, i++);
				case "--model" -> model = value(args, i++);
				case "--input" -> input = value(args, i++);
				case "--output" -> output = value(args, i++);
				case "--evaluate" -> evaluate = value(args, i++);
				case "--images-per-task" -> perTask = positive(a, value(args, i++));
				default -> throw new UsageException("unknown option '" + a + "'");
			}
		}
		if (model == null || input == null || output == null) {
			throw new UsageException("--model, --input and --output are required");
		}
		return new JobOptions(master, Path.of(model), input, output, csv, evaluate == null
			? null
			: Path.of(evaluate), allSlices, perTask);
	}

	/**
	 * @param images images to classify
	 * @param cores the cores the job has (Spark's default parallelism), at least 1 counted
	 * @return images per task: {@link #imagesPerTask()} when given; else {@link #LARGE_TASK}
	 *         where that leaves at least 4 tasks per core, fewer where it does not (the images
	 *         over 4 tasks per core, rounded up), but not under {@link #SMALL_TASK}
	 */
	public int perTask(int images, int cores) {
		if (imagesPerTask > 0) {
			return imagesPerTask;
		}
		long perCore = 4L * Math.max(1, cores);
		long fits = (images + perCore - 1) / perCore;
		return (int) Math.max(SMALL_TASK, Math.min(LARGE_TASK, fits));
	}

	/**
	 * @param images images to classify
	 * @param cores the cores the job has (Spark's default parallelism)
	 * @return how many tasks they are split into: {@link #perTask(int, int)} images each, but
	 *         no more than {@link #MOST_TASKS} tasks; at least 1
	 */
	public int tasks(int images, int cores) {
		int per = perTask(images, cores);
		int wanted = (int) ((images + (long) per - 1) / per);
		return Math.max(1, Math.min(wanted, MOST_TASKS));
	}

	static String value(List<String> args, int i) {
		if (i + 1 >= args.size()) {
			throw new UsageException(args.get(i) + " needs a value");
		}
		return args.get(i + 1);
	}

	static int positive(String key, String v) {
		try {
			int n = Integer.parseInt(v);
			if (n > 0) {
				return n;
			}
		}
		catch (NumberFormatException e) {
			// reported below
		}
		throw new UsageException(key + " must be a positive whole number, not '" + v + "'");
	}
}
