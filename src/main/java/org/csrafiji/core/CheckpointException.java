package org.csrafiji.core;

/** A checkpoint file cannot be read or does not fit the model it is loaded into. */
public class CheckpointException extends CsraException {

	private static final long serialVersionUID = 1L;

	/** @param message what went wrong, why, and what to do */
	public CheckpointException(String message) {
		super(message);
	}

	/**
	 * @param message what went wrong, why, and what to do
	 * @param cause the underlying error
	 */
	public CheckpointException(String message, Throwable cause) {
		super(message, cause);
	}
}
