package org.csrafiji.fiji;

import org.csrafiji.app.Progress;

/**
 * A use case's {@link Progress} in Fiji: counts go to the status bar and the progress sink (a
 * Cancel window with a UI, rate lines in the log headless), notes and warnings to the log, each
 * headed by the command's title; the user's Cancel stops the use case between steps.
 *
 * @param feedback the command's status bar, log and cancel
 * @param title the command, e.g. {@code CSRA Evaluate}
 */
public record TaskProgress(Feedback feedback, String title) implements Progress {

	@Override
	public void progress(int done, int total, String item) {
		feedback.progress(done, total, title + ": " + item);
	}

	@Override
	public void info(String message) {
		feedback.info(title + ": " + message);
	}

	@Override
	public void warn(String message) {
		feedback.warn(title + ": " + message);
	}

	@Override
	public boolean isCancelled() {
		return feedback.isCancelled();
	}

	@Override
	public void finished() {
		feedback.finished();
	}
}
