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
 * @param imagesPerTask images in one Spark task (what a retry repeats); a job of more than
 *          {@link #MOST_TASKS} tasks gets larger ones ({@link #tasks(int)})
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

	/** What {@code --help} prints. */
	public static final String USAGE = "usage: ClassifyJob [--master local[2]|spark://HOST:7077]"
		+ " --model SPEC.json --input DIR|GLOB|LIST.txt --output OUT [--csv] [--evaluate LABELS]"
		+ " [--all-slices] [--images-per-task 16]\n"
		+ "  input and output may be Hadoop file system URIs (hdfs://, s3a://, file:);\n"
		+ "  predictions go to OUT/parquet (and OUT/csv with --csv); a second run with the same\n"
		+ "  OUT classifies only the images not yet there; a job of more than " + MOST_TASKS
		+ " tasks\n  gets more images per task.";

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
		int perTask = 16;
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
	 * @return how many tasks they are split into: {@link #imagesPerTask()} images each, but no
	 *         more than {@link #MOST_TASKS} tasks; at least 1
	 */
	public int tasks(int images) {
		int wanted = (int) ((images + (long) imagesPerTask - 1) / imagesPerTask);
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
