package org.csrafiji.app;

import java.nio.file.Path;

import org.csrafiji.core.DatasetException;

/**
 * A model run over a dataset failed after scoring some images; the scores written so far are kept
 * in {@link #predictions()}, and a run with the same predictions file goes on from there. Each
 * front end words that in its own terms (the same command, the same dialog field).
 */
public final class ScoresKeptException extends DatasetException {

	private static final long serialVersionUID = 1L;

	private final transient Path predictions;

	/**
	 * @param cause what stopped the run
	 * @param predictions the predictions file that holds the scores so far
	 */
	public ScoresKeptException(RuntimeException cause, Path predictions) {
		super(cause.getMessage() + " The scores written so far are kept in " + predictions + ".",
			cause);
		this.predictions = predictions;
	}

	/** @return the predictions file that holds the scores so far */
	public Path predictions() {
		return predictions;
	}
}
