package org.csrafiji.core;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;

/**
 * Writes a file so that it appears only when complete: the content goes to a new file beside
 * it, which is then moved over the target in one step. Unlike {@link Files#createTempFile},
 * which makes a file only its owner may read (0600), the new file gets the permissions every
 * other file the user creates gets (the umask), so colleagues who may read the folder may
 * read the result too.
 */
public final class OutputFiles {

	private static final SecureRandom RANDOM = new SecureRandom();

	/** Writes the content of a file at a path it is given. */
	@FunctionalInterface
	public interface Content {

		/**
		 * @param file a new, empty file to fill
		 * @throws IOException when writing fails
		 */
		void writeTo(Path file) throws IOException;
	}

	private OutputFiles() {}

	/**
	 * Writes a file through a temporary sibling moved into place; the temporary file is
	 * removed when anything fails.
	 *
	 * @param target the file to create or replace
	 * @param content writes the new content
	 * @throws IOException when the folder is not writable or writing fails
	 */
	public static void write(Path target, Content content) throws IOException {
		Path temporary = newSibling(target);
		try {
			content.writeTo(temporary);
			moveIntoPlace(temporary, target);
		}
		finally {
			Files.deleteIfExists(temporary);
		}
	}

	/**
	 * @param target the file a temporary file is made for
	 * @return a new empty file in the target's folder, named after it, ending in
	 *         {@code .partial}, with the user's usual permissions
	 * @throws IOException when the folder is not writable
	 */
	public static Path newSibling(Path target) throws IOException {
		Path absolute = target.toAbsolutePath();
		for (int attempt = 0;; attempt++) {
			Path candidate = absolute.resolveSibling("." + absolute.getFileName() + "."
				+ Long.toUnsignedString(RANDOM.nextLong(), 36) + ".partial");
			try {
				return Files.createFile(candidate);
			}
			catch (FileAlreadyExistsException e) {
				if (attempt == 9) {
					throw e;
				}
			}
		}
	}

	/**
	 * Moves a finished file over the target, atomically where the file system can.
	 *
	 * @param finished the complete file, in the target's folder
	 * @param target the file to create or replace
	 * @throws IOException when the move fails
	 */
	public static void moveIntoPlace(Path finished, Path target) throws IOException {
		try {
			Files.move(finished, target, StandardCopyOption.ATOMIC_MOVE,
				StandardCopyOption.REPLACE_EXISTING);
		}
		catch (AtomicMoveNotSupportedException e) {
			Files.move(finished, target, StandardCopyOption.REPLACE_EXISTING);
		}
	}
}
