package org.csrafiji.core;

import java.nio.file.Path;

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

	/**
	 * @param message what went wrong, why, and what to do
	 * @param setting the setting to change, or null
	 * @param value the setting's offending value, or null
	 * @param file the file involved, or null
	 */
	public CheckpointException(String message, Setting setting, String value, Path file) {
		super(message, setting, value, file);
	}

	/**
	 * @param message what went wrong, why, and what to do
	 * @param cause the underlying error, or null
	 * @param setting the setting to change, or null
	 * @param value the setting's offending value, or null
	 * @param file the file involved, or null
	 */
	public CheckpointException(String message, Throwable cause, Setting setting, String value,
		Path file)
	{
		super(message, cause, setting, value, file);
	}
}
