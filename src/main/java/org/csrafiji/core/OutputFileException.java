package org.csrafiji.core;

/**
 * An output file cannot be written or resumed: another run is writing it, it holds another
 * model's results or other columns, or it is not a file this program began. Nothing was
 * written to it; the message says how to go on (wait, choose another file, or delete it).
 */
public class OutputFileException extends CsraException {

	private static final long serialVersionUID = 1L;

	/** @param message what went wrong, why, and what to do */
	public OutputFileException(String message) {
		super(message);
	}

	/**
	 * @param message what went wrong, why, and what to do
	 * @param cause the underlying error
	 */
	public OutputFileException(String message, Throwable cause) {
		super(message, cause);
	}
}
