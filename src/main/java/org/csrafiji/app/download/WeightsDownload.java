package org.csrafiji.app.download;

import org.csrafiji.core.CsraException;
import org.csrafiji.core.ModelSpec;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Downloads a spec's published weights into its checkpoint file. The bytes go to
 * {@code <checkpoint>.part} (locked, so two downloads never write one file); a connection that
 * breaks is resumed from what arrived (HTTP Range), a few times in one call and again in a later
 * call; a cancel keeps what arrived for that later call. The complete file must match the
 * spec's SHA-256 (where it records one) and load into the spec's network; only then is it moved
 * into place in one step. A file that fails a check is deleted, so nothing half-right is left.
 * Plain {@code java.net} HTTP: the engine's own downloads stay off.
 */
public final class WeightsDownload {

	/** Time to connect. */
	public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);

	/** The longest a server may go without sending a byte. */
	public static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

	/** The largest file accepted: the published CSRA checkpoints are 0.2 to 1.3 GB. */
	public static final long MAX_BYTES = 8L << 30;

	/** Broken connections resumed within one call before giving up (a later call goes on). */
	static final int RESUMES = 3;

	/** The byte locked in a .part file: far past its data, so the lock never blocks a read. */
	static final long LOCK_POSITION = Long.MAX_VALUE - 1;

	private final RangeTransfer transfer;

	/** A download with the default timeouts and size bound. */
	public WeightsDownload() {
		this(CONNECT_TIMEOUT, READ_TIMEOUT, MAX_BYTES);
	}

	/**
	 * @param connect time to connect
	 * @param read longest silence from the server
	 * @param maxBytes the largest file accepted
	 */
	public WeightsDownload(Duration connect, Duration read, long maxBytes) {
		transfer = new RangeTransfer(connect, read, maxBytes);
	}

	/**
	 * @param checkpoint a spec's checkpoint file
	 * @return the file a download of it writes to until it is complete and checked
	 */
	public static Path partFile(Path checkpoint) {
		return checkpoint.resolveSibling(checkpoint.getFileName() + ".part");
	}

	/**
	 * @param spec the model whose weights to fetch
	 * @param listener told the progress
	 * @param cancelled checked while downloading
	 * @return what was installed
	 * @throws DownloadException with what went wrong and what to do; a
	 *         {@link DownloadCancelledException} when cancelled
	 */
	public DownloadResult fetch(ModelSpec spec, DownloadListener listener,
		BooleanSupplier cancelled)
	{
		WeightsSource source = WeightsSource.of(spec);
		Path target = source.target();
		if (Files.isRegularFile(target)) {
			return new DownloadResult(target, size(target), null, false, true);
		}
		if (!source.fetchable()) {
			throw new DownloadException(WeightsAdvice.browserNeeded(source));
		}
		Path part = partFile(target);
		try {
			Files.createDirectories(target.toAbsolutePath().getParent());
			try (FileChannel channel = FileChannel.open(part, StandardOpenOption.CREATE,
				StandardOpenOption.WRITE); FileLock lock = lock(channel, source, part))
			{
				boolean resumed = download(source, channel, part, listener, cancelled);
				channel.force(true);
				String sha = check(spec, source, part); // still locked: no one else touches it
				moveIntoPlace(part, target);
				return new DownloadResult(target, size(target), sha, resumed, false);
			}
		}
		catch (Busy e) {
			throw e; // the .part is another download's
		}
		catch (DownloadException e) {
			deleteIfEmpty(part); // a refusal before any byte came leaves no empty .part behind
			throw e;
		}
		catch (AccessDeniedException e) {
			throw new DownloadException("Cannot write " + e.getFile() + " (access denied): the"
				+ " weights of model '" + spec.name() + "' go beside its spec. Copy the spec into a"
				+ " folder you can write (with its \"checkpoint\" path), and download for that copy.",
				e);
		}
		catch (IOException e) {
			throw new DownloadException("Cannot write the weights of model '" + spec.name()
				+ "' to " + part + ": " + e.getMessage() + ". Check the disk, then run the download"
				+ " again.", e);
		}
	}

	/** @return whether bytes from an earlier transfer were kept */
	private boolean download(WeightsSource source, FileChannel channel, Path part,
		DownloadListener listener, BooleanSupplier cancelled) throws IOException
	{
		boolean resumed = false;
		for (int attempt = 0;; attempt++) {
			RangeTransfer.Step step = transfer.run(source, channel, part, listener, cancelled);
			resumed |= step.start() > 0;
			if (step.complete()) {
				return resumed;
			}
			if (attempt == RESUMES) {
				throw new DownloadException("The connection to " + source.uri().getHost()
					+ " broke " + (RESUMES + 1) + " times while downloading the weights of model '"
					+ source.model() + "'; the " + channel.size()
					+ " bytes that arrived are kept in "
					+ part + ". Run the download again to resume from there.");
			}
		}
	}

	/** @return the file's SHA-256, after it passed every check */
	private static String check(ModelSpec spec, WeightsSource source, Path part)
		throws IOException
	{
		String sha = CheckpointCheck.sha256(part);
		if (source.sha256() != null && !sha.startsWith(source.sha256())) {
			Files.deleteIfExists(part);
			throw new DownloadException("The file downloaded for model '" + spec.name()
				+ "' has SHA-256 " + sha + " but its spec records " + source.sha256()
				+ ": it is not"
				+ " the published file (damaged on the way, or changed at " + source.address()
				+ "). It was deleted and nothing was installed; run the download again, and if this"
				+ " repeats, the spec's weights_url or sha256 is out of date.");
		}
		try {
			CheckpointCheck.loads(part, spec);
		}
		catch (CsraException e) {
			Files.deleteIfExists(part);
			throw new DownloadException("The file downloaded for model '" + spec.name() + "' from "
				+ source.address() + " is not a checkpoint of that model: " + e.getMessage()
				+ " It was deleted and nothing was installed; check the spec's weights_url.", e);
		}
		return sha;
	}

	private static FileLock lock(FileChannel channel, WeightsSource source, Path part)
		throws IOException
	{
		FileLock lock;
		try {
			lock = channel.tryLock(LOCK_POSITION, 1, false);
		}
		catch (OverlappingFileLockException e) {
			lock = null;
		}
		if (lock == null) {
			throw new Busy("Another download of the weights of model '"
				+ source.model() + "' is writing " + part + "; wait for it to finish (or cancel it)"
				+ " before starting another.");
		}
		return lock;
	}

	private static void moveIntoPlace(Path part, Path target) throws IOException {
		try {
			Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (AtomicMoveNotSupportedException e) {
			Files.move(part, target); // same folder: a rename all the same where it is supported
		}
	}

	private static void deleteIfEmpty(Path part) {
		try {
			if (Files.isRegularFile(part) && Files.size(part) == 0) {
				Files.delete(part);
			}
		}
		catch (IOException e) {
			// an empty .part left behind is harmless: the next download starts from it
		}
	}

	/** Another download holds the .part file. */
	private static final class Busy extends DownloadException {

		private static final long serialVersionUID = 1L;

		Busy(String message) {
			super(message);
		}
	}

	private static long size(Path file) {
		try {
			return Files.size(file);
		}
		catch (IOException e) {
			return -1;
		}
	}
}
