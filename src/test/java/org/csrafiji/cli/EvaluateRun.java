package org.csrafiji.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Output and exit code of one {@code evaluate} run, for the tests.
 *
 * @param code the exit code
 * @param out what went to standard output
 * @param err what went to the error stream
 */
record EvaluateRun(int code, String out, String err) {

	/**
	 * @param args {@code evaluate} and its options
	 * @return what the run printed and returned
	 */
	static EvaluateRun of(String... args) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int code = Main.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
			new PrintStream(err, true, StandardCharsets.UTF_8));
		return new EvaluateRun(code, out.toString(StandardCharsets.UTF_8),
			err.toString(StandardCharsets.UTF_8));
	}
}
