package org.csrafiji.core;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps a second run from writing an output file while one is writing it. The lock is an
 * operating-system lock on a file beside the output, {@code NAME.lock}, which holds who took
 * it (process id, host, start time); a second writer, in this process or in another, is
 * refused at once with a message naming the first. The lock file is deleted when the lock is
 * released; one left by a killed process holds no lock (the system releases it with the
 * process) and is simply taken over. Network file systems that do not support locks give no
 * protection.
 */
public final class OutputLock implements AutoCloseable {

	/** The suffix of the lock file's name. */
	public static final String SUFFIX = ".lock";

	private static final SecureRandom RANDOM = new SecureRandom();

	/** Only this byte is locked, so that on systems with mandatory locks the file stays readable. */
	private static final long REGION = Long.MAX_VALUE - 1;

	private static final int MAX_HOLDER_BYTES = 1024;

	/**
	 * The lock files this process holds. The system's locks belong to the process, and closing
	 * any channel of a locked file releases them, so a second run in this process must be
	 * refused before it opens the file; this mirrors what the system holds for this process.
	 */
	private static final Map<Path, String> HELD = new ConcurrentHashMap<>();

	private final Path lockFile;
	private final FileChannel channel;
	private final FileChannel view;
	private final FileLock lock;

	private OutputLock(Path lockFile, FileChannel channel, FileChannel view, FileLock lock) {
		this.lockFile = lockFile;
		this.channel = channel;
		this.view = view;
		this.lock = lock;
	}

	/**
	 * @param output the file to be written
	 * @return its lock file
	 */
	public static Path lockFileOf(Path output) {
		Path absolute = output.toAbsolutePath().normalize();
		return absolute.resolveSibling(absolute.getFileName() + SUFFIX);
	}

	/**
	 * Takes the lock of an output file, or refuses.
	 *
	 * @param output the file to be written (its folder must exist)
	 * @return the lock, held until closed
	 * @throws OutputFileException naming the run that holds it, or why it cannot be taken
	 */
	public static OutputLock acquire(Path output) {
		Path lockFile = lockFileOf(output);
		String me = "process " + ProcessHandle.current().pid() + " on " + Host.NAME + ", started "
			+ Instant.now().truncatedTo(ChronoUnit.SECONDS);
		String other = HELD.putIfAbsent(lockFile, me);
		if (other != null) {
			throw refusal(output, other + ", in this program");
		}
		try {
			OutputLock lock = lockFile(output, lockFile, me + "\n" + Long.toUnsignedString(RANDOM
				.nextLong(), 36));
			if (lock != null) {
				return lock;
			}
		}
		catch (IOException e) {
			HELD.remove(lockFile);
			throw new OutputFileException(
				"Cannot create the lock file " + lockFile + " beside the output: "
					+ e.getMessage() + "; check that the folder exists and is writable.",
				e);
		}
		catch (RuntimeException e) {
			HELD.remove(lockFile);
			throw e;
		}
		HELD.remove(lockFile);
		throw new OutputFileException("Could not lock " + output + ": other runs keep creating and"
			+ " removing " + lockFile + "; try again when they are done.");
	}

	/** @return the lock, or null when other runs kept replacing the lock file */
	private static OutputLock lockFile(Path output, Path lockFile, String me) throws IOException {
		// a holder deletes the file before releasing it; one who locked the deleted file sees
		// that the path no longer names it and tries again
		for (int attempt = 0; attempt < 8; attempt++) {
			FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE,
				StandardOpenOption.READ, StandardOpenOption.WRITE);
			FileLock lock;
			try {
				lock = channel.tryLock(REGION, 1, false);
			}
			catch (OverlappingFileLockException e) {
				// this process holds it under another path (a link); closing this channel may
				// release the system's lock of that run, which still refuses others in this process
				channel.close();
				throw refusal(output, "another run in this program, through another path to "
					+ lockFile.getFileName());
			}
			if (lock == null) {
				String holder = holder(lockFile);
				channel.close(); // this process holds no lock on it, so closing releases nothing
				throw refusal(output, holder.isEmpty()
					? "see " + lockFile
					: holder.lines()
						.findFirst().get());
			}
			channel.truncate(0);
			ByteBuffer text = ByteBuffer.wrap(me.getBytes(StandardCharsets.UTF_8));
			while (text.hasRemaining()) {
				channel.write(text, text.position());
			}
			// kept open while locked: closing a channel of the locked file would release the lock
			FileChannel view = openQuietly(lockFile);
			if (view != null && read(view).equals(me)) {
				return new OutputLock(lockFile, channel, view, lock);
			}
			if (view != null) {
				view.close();
			}
			channel.close();
		}
		return null;
	}

	private static OutputFileException refusal(Path output, String holder) {
		return new OutputFileException(output + " is being written by another run (" + holder
			+ "); two"
			+ " runs must not write one file. Wait until that run ends, or choose another output"
			+ " file.");
	}

	private static FileChannel openQuietly(Path file) throws IOException {
		try {
			return FileChannel.open(file, StandardOpenOption.READ);
		}
		catch (NoSuchFileException e) {
			return null;
		}
	}

	/** @return who holds the lock file, as written in it, or "" when unknown */
	private static String holder(Path lockFile) throws IOException {
		try (FileChannel in = openQuietly(lockFile)) {
			return in == null ? "" : read(in);
		}
	}

	private static String read(FileChannel in) throws IOException {
		ByteBuffer bytes = ByteBuffer.allocate(MAX_HOLDER_BYTES);
		while (bytes.hasRemaining() && in.read(bytes, bytes.position()) > 0) {
			// at most the first kilobyte
		}
		return new String(bytes.array(), 0, bytes.position(), StandardCharsets.UTF_8).strip();
	}

	/** The host name, looked up once. */
	private static final class Host {

		static final String NAME = lookUp();

		private static String lookUp() {
			try {
				return InetAddress.getLocalHost().getHostName();
			}
			catch (IOException e) {
				return "this computer";
			}
		}
	}

	/** Removes the lock file and releases the lock. */
	@Override
	public void close() {
		try (FileChannel c = channel; FileChannel v = view) {
			Files.deleteIfExists(lockFile);
			lock.release();
		}
		catch (IOException e) {
			// the system releases the lock with the channel; a lock file left behind is taken over
		}
		finally {
			HELD.remove(lockFile);
		}
	}
}
