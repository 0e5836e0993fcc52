package org.csrafiji.core;

import java.nio.file.Path;

/** A dataset or label file cannot be read, or does not match the model or the predictions. */
public class DatasetException extends CsraException {

	private static final long serialVersionUID = 1L;

	/** @param message what went wrong, why, and what to do */
	public DatasetException(String message) {
		super(message);
	}

	/**
	 * @param message what went wrong, why, and what to do
	 * @param cause the underlying error
	 */
	public DatasetException(String message, Throwable cause) {
		super(message, cause);
	}

	/**
	 * @param message what went wrong, why, and what to do
	 * @param setting the setting to change, or null
	 * @param value the setting's offending value, or null
	 * @param file the file involved, or null
	 */
	public DatasetException(String message, Setting setting, String value, Path file) {
		super(message, setting, value, file);
	}
}
