package org.csrafiji.updatesite;

import org.csrafiji.core.CsraException;

/** The update site cannot be built: a missing file, a class conflict, an unreadable old site. */
public class UpdateSiteException extends CsraException {

	private static final long serialVersionUID = 1L;

	/** @param message what went wrong, why, and what to do */
	public UpdateSiteException(String message) {
		super(message);
	}

	/**
	 * @param message what went wrong, why, and what to do
	 * @param cause the underlying error
	 */
	public UpdateSiteException(String message, Throwable cause) {
		super(message, cause);
	}
}
