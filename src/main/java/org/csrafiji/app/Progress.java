package org.csrafiji.app;

/**
 * How a use case reports while it runs, and how it learns that the user asked to stop: the one
 * progress and cancel interface of the application layer. The command line renders it as a bar
 * (or a line per tenth) on the error stream, Fiji as its status bar, log and Cancel button.
 * Implementations need not be thread-safe: a use case reports from one thread.
 */
public interface Progress {

	/** Reports nothing and never asks to stop. */
	Progress NONE = new Progress() {

		@Override
		public void progress(int done, int total, String item) {}

		@Override
		public void info(String message) {}

		@Override
		public void warn(String message) {}
	};

	/**
	 * A new stage begins, e.g. {@code loading the model} or {@code scoring images}; what the
	 * previous stage showed is ended. Nothing by default.
	 *
	 * @param name the stage, in words
	 */
	default void stage(String name) {}

	/**
	 * @param done steps done (images, files, epochs)
	 * @param total steps in all
	 * @param item what is being done, e.g. the stage or the file
	 */
	void progress(int done, int total, String item);

	/** @param message a note for the user (what was read, where results went) */
	void info(String message);

	/** @param message a warning for the user (something was skipped or may be wrong) */
	void warn(String message);

	/** @return whether the user asked to stop; checked between steps. False by default. */
	default boolean isCancelled() {
		return false;
	}

	/** The run ended (done, failed or stopped): a bar is closed. Nothing by default. */
	default void finished() {}
}
