package org.csrafiji.fiji;

/**
 * Where a long run's progress goes besides the status bar, and a second way to stop it: the
 * Cancel button of a progress window ({@link CancelWindow}) with a UI, progress lines with a
 * rate and the time left in the log ({@link ProgressLog}) headless.
 */
public interface ProgressSink extends AutoCloseable {

	/** Reports nothing and never asks to stop. */
	ProgressSink NONE = (done, total, message) -> {
	};

	/**
	 * @param done steps done
	 * @param total steps in all
	 * @param message what is being done
	 */
	void progress(int done, int total, String message);

	/** @return whether the user asked here to stop */
	default boolean cancelRequested() {
		return false;
	}

	/** Removes what this sink shows; nothing by default. */
	@Override
	default void close() {}
}
