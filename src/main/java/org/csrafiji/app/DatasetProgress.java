package org.csrafiji.app;

import org.csrafiji.core.CsraException;

/**
 * How far a run over a dataset has got, told to a {@link Progress} after each batch of images
 * (done counts the images a resumed run found already scored too); the run stops there with a
 * {@link CsraException} when the progress says the user cancelled: the images scored so far are
 * written by then. Not for use by several threads at once.
 */
public final class DatasetProgress {

	private final Progress progress;
	private final String item;
	private int total;
	private int done;

	private DatasetProgress(Progress progress, String item) {
		this.progress = progress;
		this.item = item;
	}

	/**
	 * @param progress where the counts go
	 * @param item what is running, e.g. {@code scoring images}
	 * @return the reporter
	 */
	public static DatasetProgress to(Progress progress, String item) {
		return new DatasetProgress(progress, item);
	}

	/** @return a reporter that tells nothing and never stops */
	public static DatasetProgress silent() {
		return new DatasetProgress(Progress.NONE, "");
	}

	/**
	 * @param images the images of the whole dataset
	 * @param alreadyDone those a previous run scored
	 */
	public void start(int images, int alreadyDone) {
		total = images;
		done = alreadyDone;
		if (alreadyDone > 0) {
			progress.info(
				alreadyDone + " of " + images + " images already scored, going on with the other "
					+ (images - alreadyDone));
		}
		progress.progress(done, total, item);
	}

	/** @param images how many more images are scored */
	public void advance(int images) {
		done += images;
		progress.progress(done, total, item);
		if (progress.isCancelled()) {
			throw new CsraException(
				"Stopped by the user after " + done + " of " + total + " images.");
		}
	}

	/** Ends the report; called after a failed run too, so that an error starts a line of its own. */
	public void finish() {
		progress.finished();
	}
}
