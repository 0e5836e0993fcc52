package org.csrafiji.core;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Base of every error this project reports to a user. The message always says what went
 * wrong, why, and what to do about it, in one or two sentences, so that a command can show
 * it as it is and the command line can print it as its one line. Messages name settings in
 * plain words, never a front end's option; where one setting is at fault the exception
 * carries it, with the value and the file involved, so that each front end can add how to
 * change it in its own terms.
 */
public class CsraException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final Setting setting;

	private final String value;

	private final transient Path file;

	/** @param message what went wrong, why, and what to do */
	public CsraException(String message) {
		this(message, null, null, null, null);
	}

	/**
	 * @param message what went wrong, why, and what to do
	 * @param cause the underlying error
	 */
	public CsraException(String message, Throwable cause) {
		this(message, cause, null, null, null);
	}

	/**
	 * @param message what went wrong, why, and what to do
	 * @param setting the setting to change, or null
	 * @param value the setting's offending value as the user gave it, or null
	 * @param file the file involved, or null
	 */
	public CsraException(String message, Setting setting, String value, Path file) {
		this(message, null, setting, value, file);
	}

	/**
	 * @param message what went wrong, why, and what to do
	 * @param cause the underlying error, or null
	 * @param setting the setting to change, or null
	 * @param value the setting's offending value as the user gave it, or null
	 * @param file the file involved, or null
	 */
	public CsraException(String message, Throwable cause, Setting setting, String value,
		Path file)
	{
		super(message, cause);
		this.setting = setting;
		this.value = value;
		this.file = file;
	}

	/** @return the setting whose change fixes this, when one does */
	public Optional<Setting> setting() {
		return Optional.ofNullable(setting);
	}

	/** @return the offending value of {@link #setting()}, when known */
	public Optional<String> value() {
		return Optional.ofNullable(value);
	}

	/** @return the file involved, when one is */
	public Optional<Path> file() {
		return Optional.ofNullable(file);
	}
}
