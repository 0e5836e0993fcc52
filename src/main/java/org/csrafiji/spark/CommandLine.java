package org.csrafiji.spark;

import java.io.PrintStream;
import java.util.List;
import java.util.function.Function;

/**
 * What the Spark package's command lines ({@link ClassifyJob}, {@link SparkBench}) share: help,
 * a wrong command line's message with the usage, and the exit status.
 *
 * @param <T> the parsed options
 * @param options the options, or null when the command is done (help printed, or refused)
 * @param exitCode the status to exit with when it is done: 0 after help, 2 for a wrong line
 */
record CommandLine<T>(T options, int exitCode) {

	/**
	 * @param args the arguments
	 * @param usage what {@code --help} prints
	 * @param parser reads them, throwing {@link JobOptions.UsageException} when they are wrong
	 * @param out where help goes
	 * @param err where the error goes
	 * @return the options, or the status to exit with
	 */
	static <T> CommandLine<T> parse(List<String> args, String usage,
		Function<List<String>, T> parser, PrintStream out, PrintStream err)
	{
		if (args.contains("--help") || args.contains("-h")) {
			out.println(usage);
			return new CommandLine<>(null, 0);
		}
		try {
			return new CommandLine<>(parser.apply(args), 0);
		}
		catch (JobOptions.UsageException e) {
			err.println("error: " + e.getMessage() + "\n" + usage);
			return new CommandLine<>(null, 2);
		}
	}

	/** @param code the status a command's run returned; the JVM exits with it unless 0 */
	static void exit(int code) {
		if (code != 0) {
			System.exit(code);
		}
	}
}
