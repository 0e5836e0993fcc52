package org.csrafiji.core;

/**
 * Base of every error this project reports to a user. The message always says what went
 * wrong, why, and what to do about it, in one or two sentences, so that a command can show
 * it as it is and the command line can print it as its one line.
 */
public class CsraException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	/** @param message what went wrong, why, and what to do */
	public CsraException(String message) {
		super(message);
	}

	/**
	 * @param message what went wrong, why, and what to do
	 * @param cause the underlying error
	 */
	public CsraException(String message, Throwable cause) {
		super(message, cause);
	}
}
