package org.csrafiji.core;

import java.nio.file.Path;

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

	/**
	 * @param message what went wrong, why, and what to do
	 * @param setting the setting to change, or null
	 * @param value the setting's offending value, or null
	 * @param file the file involved, or null
	 */
	public ImageInputException(String message, Setting setting, String value, Path file) {
		super(message, setting, value, file);
	}

	/**
	 * @param message what went wrong, why, and what to do
	 * @param cause the underlying error, or null
	 * @param setting the setting to change, or null
	 * @param value the setting's offending value, or null
	 * @param file the file involved, or null
	 */
	public ImageInputException(String message, Throwable cause, Setting setting, String value,
		Path file)
	{
		super(message, cause, setting, value, file);
	}
}
