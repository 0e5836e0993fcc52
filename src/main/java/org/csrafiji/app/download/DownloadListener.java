package org.csrafiji.app.download;

/** Told how far a download has come; called from the downloading thread. */
@FunctionalInterface
public interface DownloadListener {

	/** Reports nothing. */
	DownloadListener NONE = (done, total) -> {
	};

	/**
	 * @param done bytes in the file so far (a resumed download starts at what was kept)
	 * @param total the file's size, or -1 when the server does not say
	 */
	void progress(long done, long total);
}
