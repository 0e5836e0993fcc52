package org.csrafiji.app;

import org.csrafiji.core.CsraException;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Reports how far a run over a dataset has got, as
 * {@code evaluate: 120/4952 images, 3.1 img/s, eta 25 min}. On a terminal it is one line
 * rewritten in place (carriage return) at most {@link #BAR_INTERVAL_NANOS} apart; elsewhere (a
 * log file, a pipe) it prints a line at each tenth of the work, so that logs stay short. The
 * rate and the estimate count only the images scored in this run, not those a resumed run found
 * done. A front end may also watch each step ({@link #watchedBy}) and stop the run there:
 * the images scored so far are written by then. Not for use by several threads at once.
 */
public final class DatasetProgress {

	/** The least time between two redraws of the bar: a quarter of a second. */
	public static final long BAR_INTERVAL_NANOS = 250_000_000L;

	private static final int LINE_STEPS = 10;

	private final PrintStream out;
	private final String label;
	private final boolean bar;
	private final LongSupplier clock;

	private int total;
	private int resumed;
	private int done;
	private long started;
	private long lastDrawn;
	private int lastStep;
	private int drawnWidth;
	private BiConsumer<Integer, Integer> watcher = (done, total) -> {};
	private BooleanSupplier stop = () -> false;

	private DatasetProgress(PrintStream out, String label, boolean bar, LongSupplier clock) {
		this.out = out;
		this.label = label;
		this.bar = bar;
		this.clock = clock;
	}

	/**
	 * @param out where to report, usually the error stream
	 * @param label what is running, e.g. {@code evaluate}
	 * @param terminal whether {@code out} is shown on a terminal: a bar, else a line per tenth
	 * @param clock nanoseconds, e.g. {@code System::nanoTime}
	 * @return the reporter
	 */
	public static DatasetProgress to(PrintStream out, String label, boolean terminal, LongSupplier clock) {
		return new DatasetProgress(out, label, terminal, clock);
	}

	/**
	 * @param watcher told (done, total) after each step, e.g. a progress bar
	 * @param stop asked after each step; true ends the run there with a {@link CsraException}
	 *          (what was scored is kept)
	 * @return this reporter
	 */
	public DatasetProgress watchedBy(BiConsumer<Integer, Integer> watcher, BooleanSupplier stop) {
		this.watcher = watcher;
		this.stop = stop;
		return this;
	}

	/** @return a reporter that prints nothing */
	public static DatasetProgress silent() {
		return new DatasetProgress(null, "", false, System::nanoTime);
	}

	/**
	 * @param images the images of the whole dataset
	 * @param alreadyDone those a previous run scored
	 */
	public void start(int images, int alreadyDone) {
		total = images;
		resumed = alreadyDone;
		done = alreadyDone;
		started = clock.getAsLong();
		lastDrawn = started;
		lastStep = step(done);
		if (out != null && alreadyDone > 0) {
			out.println(label + ": " + alreadyDone + " of " + images + " images already scored, going on"
				+ " with the other " + (images - alreadyDone));
		}
	}

	/** @param images how many more images are scored */
	public void advance(int images) {
		done += images;
		watcher.accept(done, total);
		if (stop.getAsBoolean()) {
			throw new CsraException("Stopped by the user after " + done + " of " + total
				+ " images.");
		}
		if (out == null) {
			return;
		}
		long now = clock.getAsLong();
		if (bar && now - lastDrawn >= BAR_INTERVAL_NANOS) {
			draw(now);
		}
		else if (!bar && step(done) > lastStep) {
			lastStep = step(done);
			out.println(text(now));
		}
	}

	/**
	 * Draws the final state and ends the bar's line; called after a failed run too, so that the
	 * error starts a line of its own.
	 */
	public void finish() {
		if (out == null) {
			return;
		}
		if (bar) {
			draw(clock.getAsLong());
			out.println();
		}
		else if (done > resumed && step(done) > lastStep) {
			out.println(text(clock.getAsLong()));
		}
	}

	/**
	 * @param now the clock's reading
	 * @return the report, e.g. {@code evaluate: 120/4952 images, 3.1 img/s, eta 25 min}
	 */
	String text(long now) {
		double seconds = (now - started) / 1e9;
		int scored = done - resumed;
		StringBuilder s = new StringBuilder(label).append(": ").append(done).append('/').append(total)
			.append(" images");
		if (scored > 0 && seconds > 0) {
			double rate = scored / seconds;
			s.append(String.format(Locale.ROOT, ", %.1f img/s", rate));
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
	}

	private int step(int images) {
		return total == 0 ? LINE_STEPS : (int) ((long) images * LINE_STEPS / total);
	}
}
