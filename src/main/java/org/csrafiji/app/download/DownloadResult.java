package org.csrafiji.app.download;

import java.nio.file.Path;

/**
 * What a download left.
 *
 * @param file the installed checkpoint
 * @param bytes its size
 * @param sha256 its SHA-256 (lower-case hex), or null when it was already installed
 * @param resumed whether bytes kept from an earlier, broken or cancelled transfer were used
 * @param alreadyInstalled whether the file was there before, so nothing was downloaded
 */
public record DownloadResult(Path file, long bytes, String sha256, boolean resumed,
	boolean alreadyInstalled)
{}
