package org.csrafiji.app.download;

import org.csrafiji.core.CsraException;

/** A download failed or its file was refused; the message says what, why and what to do. */
public class DownloadException extends CsraException {

	private static final long serialVersionUID = 1L;

	/** @param message what went wrong, why, and what to do */
	public DownloadException(String message) {
		super(message);
	}

	/**
	 * @param message what went wrong, why, and what to do
	 * @param cause the underlying error
	 */
	public DownloadException(String message, Throwable cause) {
		super(message, cause);
	}
}
