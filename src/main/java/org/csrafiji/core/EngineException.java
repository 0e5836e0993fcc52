package org.csrafiji.core;

/** The deep-learning engine cannot start or run (missing natives, device unavailable). */
public class EngineException extends CsraException {

	private static final long serialVersionUID = 1L;

	/** @param message what went wrong, why, and what to do */
	public EngineException(String message) {
		super(message);
	}

	/**
	 * @param message what went wrong, why, and what to do
	 * @param cause the underlying error
	 */
	public EngineException(String message, Throwable cause) {
		super(message, cause);
	}
}
