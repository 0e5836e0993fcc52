package org.csrafiji.core;

/** An image cannot be turned into model input (empty, too small, not finite, unsupported type). */
public class ImageInputException extends CsraException {

	private static final long serialVersionUID = 1L;

	/** @param message what went wrong, why, and what to do */
	public ImageInputException(String message) {
		super(message);
	}

	/**
	 * @param message what went wrong, why, and what to do
	 * @param cause the underlying error
	 */
	public ImageInputException(String message, Throwable cause) {
		super(message, cause);
	}
}
