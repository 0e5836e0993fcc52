package org.csrafiji.fiji;

import org.scijava.app.StatusService;
import org.scijava.log.LogService;

import java.util.function.BooleanSupplier;

/**
 * Where a task reports: the status bar (progress per slice or file), the log, a progress sink
 * (a window with a Cancel button, or progress lines in the log), and whether the user has
 * cancelled. Any service may be null (plain Java use).
 *
 * @param status the status bar, or null
 * @param log the log, or null
 * @param cancelled checked between slices and files
 * @param sink more progress reporting, and a Cancel button; {@link ProgressSink#NONE} for none
 */
public record Feedback(StatusService status, LogService log, BooleanSupplier cancelled,
	ProgressSink sink)
{

	/**
	 * @param status the status bar, or null
	 * @param log the log, or null
	 * @param cancelled checked between slices and files
	 */
	public Feedback(StatusService status, LogService log, BooleanSupplier cancelled) {
		this(status, log, cancelled, ProgressSink.NONE);
	}

	/** @return feedback that reports nowhere and never cancels */
	public static Feedback none() {
		return new Feedback(null, null, () -> false);
	}

	/**
	 * @param done steps done
	 * @param total steps in all
	 * @param message what is being done
	 */
	public void progress(int done, int total, String message) {
		if (status != null) {
			status.showStatus(done, total, message);
		}
		sink.progress(done, total, message);
	}

	/** Clears the progress bar. */
	public void finished() {
		if (status != null) {
			status.clearStatus();
		}
	}

	/** @param message written to the log as information */
	public void info(String message) {
		if (log != null) {
			log.info(message);
		}
	}

	/** @param message written to the log as a warning */
	public void warn(String message) {
		if (log != null) {
			log.warn(message);
		}
	}

	/** @return whether the user asked to stop */
	public boolean isCancelled() {
		return cancelled.getAsBoolean() || sink.cancelRequested();
	}
}
