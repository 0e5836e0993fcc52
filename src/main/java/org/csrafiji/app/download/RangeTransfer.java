package org.csrafiji.app.download;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One HTTP GET that appends to a {@code .part} file: it asks for the bytes after those already
 * kept (a Range request), appends what a 206 answer sends, starts again from zero when the server
 * sends the whole file (200), and takes a 416 answer to a non-empty file as "nothing left to
 * send". Memory is one buffer whatever the server claims; the size is bounded, and a server that
 * stops sending for the read timeout is given up on.
 */
final class RangeTransfer {

	private static final Pattern CONTENT_RANGE = Pattern.compile(
		"bytes\\s+(\\d+)-(\\d+)/(\\d+|\\*)");

	private final Duration connectTimeout;
	private final Duration readTimeout;
	private final long maxBytes;

	RangeTransfer(Duration connectTimeout, Duration readTimeout, long maxBytes) {
		this.connectTimeout = connectTimeout;
		this.readTimeout = readTimeout;
		this.maxBytes = maxBytes;
	}

	/**
	 * What one request achieved.
	 *
	 * @param complete whether every byte is in the file (else the connection ended early and the
	 *        bytes that came are kept)
	 * @param start the byte the server's answer started at (0: from the beginning)
	 */
	record Step(boolean complete, long start) {}

	/**
	 * @param source what to fetch
	 * @param part the .part file, open for writing and locked by the caller
	 * @param partFile its path, for messages
	 * @param listener told the progress
	 * @param cancelled checked after every buffer
	 * @return whether the file is complete, and where this answer started
	 * @throws DownloadException when the server refuses, sends a web page, or sends too much
	 * @throws DownloadCancelledException when cancelled
	 * @throws IOException when the file cannot be written
	 */
	Step run(WeightsSource source, FileChannel part, Path partFile, DownloadListener listener,
		BooleanSupplier cancelled) throws IOException
	{
		long have = part.size();
		HttpURLConnection c = open(source.uri(), have);
		try {
			int code;
			try {
				code = c.getResponseCode();
			}
			catch (IOException e) {
				throw unreachable(source, have, partFile, e);
			}
			if (code == 416 && have > 0) {
				return new Step(true, have); // the kept bytes are the whole file; the checks decide
			}
			long start;
			if (code == 206) {
				start = rangeStart(c.getHeaderField("Content-Range"), have);
			}
			else if (code == 200) {
				start = 0;
			}
			else {
				throw new DownloadException("The server answered " + code + " " + nullToEmpty(c
					.getResponseMessage()) + " for " + source.uri() + "; the weights of model '"
					+ source.model()
					+ "' could not be downloaded. Check the address (weights_url in the"
					+ " spec) in a browser, or try again later.");
			}
			String type = nullToEmpty(c.getContentType()).toLowerCase(Locale.ROOT);
			if (type.startsWith("text/html")) {
				throw new DownloadException(WeightsAdvice.browserNeeded(source));
			}
			part.truncate(start);
			long length = c.getContentLengthLong();
			long total = length < 0 ? -1 : start + length;
			checkSize(total, source, partFile);
			return new Step(copy(c, part, start, total, source, listener, cancelled), start);
		}
		finally {
			c.disconnect();
		}
	}

	/** No answer from the server (no route, refused, timed out, reset before the headers). */
	private static DownloadException unreachable(WeightsSource source, long have, Path partFile,
		IOException e)
	{
		return new DownloadException("Cannot reach " + source.uri().getHost() + " (" + e
			+ "); the weights of model '" + source.model() + "' were not downloaded. Check the"
			+ " network connection (and proxy), then run the download again" + (have > 0
				? "; the "
					+ have + " bytes kept in " + partFile + " are resumed"
				: "")
			+ ".", e);
	}

	private HttpURLConnection open(URI uri, long have) throws IOException {
		HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection();
		c.setConnectTimeout((int) connectTimeout.toMillis());
		c.setReadTimeout((int) readTimeout.toMillis());
		c.setInstanceFollowRedirects(true);
		c.setRequestProperty("User-Agent", "csra-fiji weights download");
		c.setRequestProperty("Accept-Encoding", "identity");
		if (have > 0) {
			c.setRequestProperty("Range", "bytes=" + have + "-");
		}
		return c;
	}

	private boolean copy(HttpURLConnection c, FileChannel part, long start, long total,
		WeightsSource source, DownloadListener listener, BooleanSupplier cancelled)
		throws IOException
	{
		long done = start;
		listener.progress(done, total);
		byte[] buffer = new byte[1 << 16];
		InputStream body;
		try {
			body = c.getInputStream();
		}
		catch (IOException e) {
			return false; // the connection broke before the body: nothing came, try again
		}
		try (InputStream in = body) {
			while (true) {
				if (cancelled.getAsBoolean()) {
					throw new DownloadCancelledException("The download of model '" + source.model()
						+ "' was cancelled after " + done
						+ " bytes; they are kept in the .part file"
						+ " beside " + source.target() + ", and running the download again resumes"
						+ " from there.");
				}
				int n;
				try {
					n = in.read(buffer);
				}
				catch (IOException e) {
					return false; // the connection broke; what came is kept
				}
				if (n < 0) {
					break;
				}
				if (done + n > maxBytes || total >= 0 && done + n > total) {
					throw new DownloadException("The server sent more than " + (total >= 0
						? total
						: maxBytes) + " bytes for the weights of model '" + source.model()
						+ "'; the"
						+ " download was stopped. Check the address (weights_url in the spec).");
				}
				part.write(ByteBuffer.wrap(buffer, 0, n), done);
				done += n;
				listener.progress(done, total);
			}
		}
		return total < 0 || done == total;
	}

	private void checkSize(long total, WeightsSource source, Path partFile) throws IOException {
		if (total > maxBytes) {
			throw new DownloadException("The server says the weights of model '" + source.model()
				+ "' are " + total + " bytes, more than the " + maxBytes + " a checkpoint may have"
				+ " here; nothing was downloaded. Check the address (weights_url in the spec).");
		}
		Path folder = partFile.toAbsolutePath().getParent();
		long free = Files.getFileStore(folder).getUsableSpace();
		if (total > 0 && total > free) {
			throw new DownloadException("The weights of model '" + source.model() + "' need "
				+ (total >> 20) + " MB but " + folder + " has " + (free >> 20) + " MB free; free"
				+ " some space and run the download again.");
		}
	}

	/** @return where a 206 answer starts, which must be where the file ends */
	private static long rangeStart(String header, long have) {
		Matcher m = CONTENT_RANGE.matcher(nullToEmpty(header).strip());
		if (!m.matches() || Long.parseLong(m.group(1)) != have) {
			throw new DownloadException("The server answered a resume request with the range '"
				+ header + "', not one starting at byte " + have + "; delete the .part file and"
				+ " run the download again.");
		}
		return have;
	}

	private static String nullToEmpty(String s) {
		return s == null ? "" : s;
	}
}
