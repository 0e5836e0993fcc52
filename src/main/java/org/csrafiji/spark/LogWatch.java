package org.csrafiji.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;

import org.csrafiji.core.CsraException;

/** Waiting for a child process's log to show a line a number of times. */
public final class LogWatch {

	private LogWatch() {}

	/**
	 * @param log the log file (may not exist yet)
	 * @param what the text to count
	 * @param times how often it must occur
	 * @param limit how long to wait
	 * @return how often {@code what} occurred when it reached {@code times}
	 * @throws CsraException when it did not within the limit, with the log's end
	 */
	public static int await(Path log, String what, int times, Duration limit) {
		long end = System.nanoTime() + limit.toNanos();
		try {
			while (true) {
				String s = read(log);
				int n = s.split(Pattern.quote(what), -1).length - 1;
				if (n >= times) {
					return n;
				}
				if (System.nanoTime() > end) {
					throw new CsraException("'" + what + "' not " + times + " times in " + log
						+ " within " + limit.toSeconds() + " s; its end:\n" + tail(s));
				}
				Thread.sleep(100);
			}
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new CsraException("Interrupted while waiting for '" + what + "' in " + log + ".");
		}
	}

	/**
	 * @param log a log file
	 * @return its text (a character cut off by the writer replaced), or "" when it does not
	 *         exist
	 */
	public static String read(Path log) {
		try {
			return Files.exists(log)
				? new String(Files.readAllBytes(log), StandardCharsets.UTF_8)
				: "";
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/**
	 * @param s a log's text
	 * @return its last 6,000 characters
	 */
	public static String tail(String s) {
		return s.length() < 6000 ? s : s.substring(s.length() - 6000);
	}
}
