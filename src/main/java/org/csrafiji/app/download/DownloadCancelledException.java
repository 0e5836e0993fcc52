package org.csrafiji.app.download;

/** The user cancelled a download; what had arrived is kept in the .part file for a resume. */
public class DownloadCancelledException extends DownloadException {

	private static final long serialVersionUID = 1L;

	/** @param message what was kept and how to resume */
	public DownloadCancelledException(String message) {
		super(message);
	}
}
