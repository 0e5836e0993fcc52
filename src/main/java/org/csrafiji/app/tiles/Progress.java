package org.csrafiji.app.tiles;

/**
 * Progress and cancel of a long run, as a front end provides them (a progress bar, Fiji's
 * status bar, an interrupt flag).
 */
public interface Progress {

	/** Ignores progress and never cancels. */
	Progress NONE = new Progress() {

		@Override
		public void update(long done, long total) {}

		@Override
		public boolean cancelled() {
			return false;
		}
	};

	/**
	 * @param done items finished
	 * @param total items in all
	 */
	void update(long done, long total);

	/** @return whether the run should stop after the batch in hand */
	boolean cancelled();
}
