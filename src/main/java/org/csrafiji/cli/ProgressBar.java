package org.csrafiji.cli;

import org.csrafiji.app.download.DownloadListener;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A download's progress as one line on standard error, redrawn in place (carriage return) at
 * most every {@link #INTERVAL_NANOS}: a bar, the percentage and the megabytes, or only the
 * megabytes when the server does not give the size. {@link #finish()} ends the line.
 */
final class ProgressBar implements DownloadListener {

	/** Redraws at most this often: 5 per second. */
	static final long INTERVAL_NANOS = 200_000_000L;

	private static final int WIDTH = 30;

	private final PrintStream err;
	private final String label;
	private final LongSupplier clock;
	private long lastDraw = Long.MIN_VALUE;
	private boolean drawn;

	/**
	 * @param err where the bar goes
	 * @param label what is downloading, e.g. the model name
	 * @param clock nanosecond clock
	 */
	ProgressBar(PrintStream err, String label, LongSupplier clock) {
		this.err = err;
		this.label = label;
		this.clock = clock;
	}

	@Override
	public void progress(long done, long total) {
		long now = clock.getAsLong();
		boolean last = total > 0 && done >= total;
		if (!last && drawn && now - lastDraw < INTERVAL_NANOS) {
			return;
		}
		lastDraw = now;
		drawn = true;
		err.print("\r" + line(label, done, total));
		err.flush();
	}

	/** Ends the bar's line, if one was drawn. */
	void finish() {
		if (drawn) {
			err.println();
			drawn = false;
		}
	}

	/**
	 * @param label what is downloading
	 * @param done bytes so far
	 * @param total bytes in all, or -1
	 * @return the bar's text
	 */
	static String line(String label, long done, long total) {
		if (total <= 0) {
			return String.format(Locale.ROOT, "csra: %s %.1f MB", label, mb(done));
		}
		int filled = (int) (WIDTH * Math.min(done, total) / total);
		return String.format(Locale.ROOT, "csra: %s [%s%s] %3d%% %.1f of %.1f MB", label, "="
			.repeat(filled), " ".repeat(WIDTH - filled),
			(int) (100 * Math.min(done, total) / total),
			mb(done), mb(total));
	}

	private static double mb(long bytes) {
		return bytes / (1024.0 * 1024.0);
	}
}
