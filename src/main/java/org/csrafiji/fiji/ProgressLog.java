package org.csrafiji.fiji;

import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Progress as log lines for runs without a UI, e.g.
 * {@code CSRA batch: file sub/x.tif (40/200, 3.1/s, about 52 s left)} (or
 * {@code 4.2 s each} below one a second): a line for the first
 * step, then at most one every {@link #INTERVAL_NANOS}, and one for the last step, so a long
 * batch logs a few lines a minute whatever its size. The rate counts only the steps done since
 * this run's first report (a resumed batch's earlier files do not inflate it).
 */
public final class ProgressLog implements ProgressSink {

	/** The least time between two lines: ten seconds. */
	public static final long INTERVAL_NANOS = 10_000_000_000L;

	private final Consumer<String> out;
	private final LongSupplier clock;
	private long started = -1;
	private int firstDone;
	private long lastLine;

	/**
	 * @param out where the lines go
	 * @param clock nanoseconds, e.g. {@code System::nanoTime}
	 */
	public ProgressLog(Consumer<String> out, LongSupplier clock) {
		this.out = out;
		this.clock = clock;
	}

	@Override
	public void progress(int done, int total, String message) {
		if (total <= 1) {
			return; // one image: nothing to estimate
		}
		long now = clock.getAsLong();
		if (started < 0) {
			started = now;
			firstDone = done;
			lastLine = now;
			out.accept(message + " (" + done + "/" + total + ")");
			return;
		}
		if (done >= total || now - lastLine >= INTERVAL_NANOS) {
			lastLine = now;
			out.accept(line(done, total, message, now));
		}
	}

	private String line(int done, int total, String message, long now) {
		StringBuilder s = new StringBuilder(message).append(" (").append(done).append('/').append(
			total);
		double seconds = (now - started) / 1e9;
		int steps = done - firstDone;
		if (steps > 0 && seconds > 0) {
			double rate = steps / seconds;
			s.append(rate >= 1
				? String.format(Locale.ROOT, ", %.1f/s", rate)
				: String.format(
					Locale.ROOT, ", %.1f s each", 1 / rate));
			if (done < total) {
				s.append(", about ").append(duration((total - done) / rate)).append(" left");
			}
		}
		return s.append(')').toString();
	}

	/**
	 * @param seconds a duration
	 * @return it, rounded for people: {@code 40 s}, {@code 3 min 20 s}, {@code 2 h 5 min}
	 */
	static String duration(double seconds) {
		long s = Math.max(1, Math.round(seconds));
		if (s < 60) return s + " s";
		if (s < 3600) return s / 60 + " min " + s % 60 + " s";
		return s / 3600 + " h " + s % 3600 / 60 + " min";
	}
}
