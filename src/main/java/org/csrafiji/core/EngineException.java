package org.csrafiji.core;

import java.nio.file.Path;

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

	/**
	 * @param message what went wrong, why, and what to do
	 * @param setting the setting to change, or null
	 * @param value the setting's offending value, or null
	 * @param file the file involved, or null
	 */
	public EngineException(String message, Setting setting, String value, Path file) {
		super(message, setting, value, file);
	}
}
