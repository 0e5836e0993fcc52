package org.csrafiji.core;

import java.nio.file.Path;

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

	/**
	 * @param message what went wrong, why, and what to do
	 * @param setting the setting to change, or null
	 * @param value the setting's offending value, or null
	 * @param file the file involved, or null
	 */
	public ModelSpecException(String message, Setting setting, String value, Path file) {
		super(message, setting, value, file);
	}

	/**
	 * @param message what went wrong, why, and what to do
	 * @param cause the underlying error, or null
	 * @param setting the setting to change, or null
	 * @param value the setting's offending value, or null
	 * @param file the file involved, or null
	 */
	public ModelSpecException(String message, Throwable cause, Setting setting, String value,
		Path file)
	{
		super(message, cause, setting, value, file);
	}
}
