package org.csrafiji.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

import org.csrafiji.app.Progress;

/**
 * A use case's {@link Progress} on the error stream, as
 * {@code evaluate: 120/4952 images, 3.1/s, eta 25 min}. On a terminal it is one line rewritten
 * in place (carriage return) at most {@link #BAR_INTERVAL_NANOS} apart; elsewhere (a log file, a
 * pipe) it prints a line at each tenth of the work, so that logs stay short. The rate and the
 * estimate count only the steps done since the first report (those a resumed run found done do
 * not inflate it). Notes go out as {@code LABEL: note}, warnings as {@code csra: warning: ...}.
 * Stopping is left to {@link InterruptStop} (Ctrl-C), so {@link #isCancelled()} is false.
 */
final class ConsoleProgress implements Progress {

	/** The least time between two redraws of the bar: a quarter of a second. */
	static final long BAR_INTERVAL_NANOS = 250_000_000L;

	private static final int LINE_STEPS = 10;

	private final PrintStream out;
	private final String label;
	private final boolean bar;
	private final LongSupplier clock;

	private int total;
	private int first = -1;
	private int done;
	private String item = "";
	private long started;
	private long lastDrawn;
	private int lastStep;
	private int drawnWidth;
	private boolean drawn;

	/**
	 * @param out where to report, usually the error stream
	 * @param label what is running, e.g. {@code evaluate}
	 * @param terminal whether {@code out} is shown on a terminal: a bar, else a line per tenth
	 * @param clock nanoseconds, e.g. {@code System::nanoTime}
	 */
	ConsoleProgress(PrintStream out, String label, boolean terminal, LongSupplier clock) {
		this.out = out;
		this.label = label;
		this.bar = terminal;
		this.clock = clock;
	}

	/**
	 * @param err the error stream
	 * @param label what is running
	 * @return a bar when {@code err} is the process's error stream on a console, else lines
	 */
	static ConsoleProgress on(PrintStream err, String label) {
		return new ConsoleProgress(err, label, err == System.err && System.console() != null,
			System::nanoTime);
	}

	@Override
	public void stage(String name) {
		finished();
		first = -1;
	}

	@Override
	public void progress(int stepsDone, int steps, String what) {
		long now = clock.getAsLong();
		done = stepsDone;
		total = steps;
		item = what;
		if (first < 0) {
			first = stepsDone;
			started = now;
			lastDrawn = now;
			lastStep = step(stepsDone);
			return;
		}
		if (bar && now - lastDrawn >= BAR_INTERVAL_NANOS) {
			draw(now);
		}
		else if (!bar && step(done) > lastStep) {
			lastStep = step(done);
			out.println(text(now));
		}
	}

	@Override
	public void info(String message) {
		endBar();
		out.println(label + ": " + message);
	}

	@Override
	public void warn(String message) {
		endBar();
		out.println("csra: warning: " + message);
	}

	/**
	 * Draws the final state and ends the bar's line; called after a failed run too, so that the
	 * error starts a line of its own.
	 */
	@Override
	public void finished() {
		if (first < 0) {
			return;
		}
		if (bar) {
			draw(clock.getAsLong());
			endBar();
		}
		else if (done > first && step(done) > lastStep) {
			lastStep = step(done);
			out.println(text(clock.getAsLong()));
		}
	}

	/**
	 * @param now the clock's reading
	 * @return the report, e.g. {@code evaluate: 120/4952 images, 3.1/s, eta 25 min}
	 */
	String text(long now) {
		double seconds = (now - started) / 1e9;
		int steps = done - first;
		StringBuilder s = new StringBuilder(label).append(": ").append(done).append('/')
			.append(total)
			.append(' ').append(item);
		if (steps > 0 && seconds > 0) {
			double rate = steps / seconds;
			s.append(String.format(Locale.ROOT, ", %.1f/s", rate));
			if (done < total) {
				s.append(", eta ").append(duration((total - done) / rate));
			}
		}
		return s.toString();
	}

	/**
	 * @param seconds a duration
	 * @return it, rounded for people: {@code 40 s}, {@code 25 min}, {@code 3.2 h}
	 */
	static String duration(double seconds) {
		if (seconds < 60) {
			return Math.max(1, Math.round(seconds)) + " s";
		}
		if (seconds < 2 * 3600) {
			return Math.round(seconds / 60) + " min";
		}
		return String.format(Locale.ROOT, "%.1f h", seconds / 3600);
	}

	private void draw(long now) {
		lastDrawn = now;
		String t = text(now);
		int width = t.length();
		out.print("\r" + t + " ".repeat(Math.max(0, drawnWidth - width)));
		out.flush();
		drawnWidth = width;
		drawn = true;
	}

	private void endBar() {
		if (drawn) {
			out.println();
			drawn = false;
			drawnWidth = 0;
		}
	}

	private int step(int steps) {
		return total == 0 ? LINE_STEPS : (int) ((long) steps * LINE_STEPS / total);
	}
}
