package org.csrafiji.core;

/** A model spec is malformed, inconsistent, or names a file that is not there. */
public class ModelSpecException extends CsraException {

	private static final long serialVersionUID = 1L;

	/** @param message what went wrong, why, and what to do */
	public ModelSpecException(String message) {
		super(message);
	}

	/**
	 * @param message what went wrong, why, and what to do
	 * @param cause the underlying error
	 */
	public ModelSpecException(String message, Throwable cause) {
		super(message, cause);
	}
}
