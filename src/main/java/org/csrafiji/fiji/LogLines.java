package org.csrafiji.fiji;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * A text stream whose lines go to the log as information, for code that reports to a
 * {@link PrintStream} (the dataset progress). A carriage return ends a line as a line break does.
 */
final class LogLines extends OutputStream {

	private final Feedback feedback;
	private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

	private LogLines(Feedback feedback) {
		this.feedback = feedback;
	}

	/**
	 * @param feedback where the lines go
	 * @return a UTF-8 print stream writing to the log line by line
	 */
	static PrintStream to(Feedback feedback) {
		return new PrintStream(new LogLines(feedback), true, StandardCharsets.UTF_8);
	}

	@Override
	public synchronized void write(int b) {
		if (b == '\n' || b == '\r') {
			String line = bytes.toString(StandardCharsets.UTF_8).strip();
			bytes.reset();
			if (!line.isEmpty()) {
				feedback.info(line);
			}
		}
		else {
			bytes.write(b);
		}
	}
}
