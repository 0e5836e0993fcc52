package org.csrafiji.spark;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import com.google.gson.GsonBuilder;

import org.csrafiji.core.CsraException;

/**
 * The Spark job's benchmark, all in one run on this machine ({@link BenchRuns}): scaling from
 * one one-core worker to two, overhead against plain {@code classify} on the same cores, and the
 * executors' resident memory over a long job. Run from the packaged jars:
 * {@code java -cp 'target/csra-spark.jar:target/spark-lib/*' org.csrafiji.spark.SparkBench}
 * (options: {@link BenchOptions#USAGE}). Prints one {@code key value} line per figure, or with
 * {@code --json} one JSON object; progress goes to standard error.
 */
public final class SparkBench {

	private SparkBench() {}

	/** @param args see {@link BenchOptions#USAGE} */
	public static void main(String[] args) {
		CommandLine.exit(run(List.of(args), System.out, System.err));
	}

	/**
	 * @param args the command line
	 * @param out where the report goes
	 * @param err where progress and errors go
	 * @return 0 when it ran (whether or not the goals were met), 1 when a run failed, 2 for a
	 *         wrong command line
	 */
	public static int run(List<String> args, PrintStream out, PrintStream err) {
		CommandLine<BenchOptions> line = CommandLine.parse(args, BenchOptions.USAGE,
			BenchOptions::parse, out,
			err);
		if (line.options() == null) {
			return line.exitCode();
		}
		BenchOptions options = line.options();
		try {
			PackagedJars jars = PackagedJars.besideThisJar().require();
			Path work = Files.createTempDirectory(Files.createDirectories(options.work()),
				"csra-spark-bench-");
			Map<String, Object> report;
			try {
				report = new BenchRuns(options, jars, work, err).run();
			}
			finally {
				if (options.keep()) {
					err.println("spark bench: the runs' files are in " + work);
				}
				else {
					delete(work);
				}
			}
			print(report, options.json(), out);
			return 0;
		}
		catch (CsraException e) {
			err.println("error: " + e.getMessage());
			return 1;
		}
		catch (IOException e) {
			err.println("error: " + e.getMessage() + " (the bench's temporary folder is under "
				+ options.work() + "; give --work a writable folder with room for the images)");
			return 1;
		}
	}

	private static void print(Map<String, Object> report, boolean json, PrintStream out) {
		if (json) {
			out.println(new GsonBuilder().serializeSpecialFloatingPointValues().create().toJson(
				report));
			return;
		}
		report.forEach((k, v) -> out.println(String.format(Locale.ROOT, "%-36s %s", k, format(v))));
	}

	private static String format(Object v) {
		if (v instanceof Double d) {
			return String.format(Locale.ROOT, "%.3f", d);
		}
		if (v instanceof List<?> l) {
			return l.stream().map(SparkBench::format).toList().toString();
		}
		return String.valueOf(v);
	}

	private static void delete(Path dir) throws IOException {
		try (Stream<Path> walk = Files.walk(dir)) {
			for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(p);
			}
		}
	}
}
