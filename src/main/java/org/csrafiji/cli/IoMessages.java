package org.csrafiji.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * Words for file-system errors: Java's file exceptions often carry nothing but the path
 * ("/etc/passwd"), which says where but not what went wrong.
 */
final class IoMessages {

	private IoMessages() {}

	/**
	 * @param e a failed file operation
	 * @return what went wrong with which file, in one phrase
	 */
	static String describe(IOException e) {
		if (!(e instanceof FileSystemException fs)) {
			return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
		}
		String file = fs.getFile() == null ? "a file" : fs.getFile();
		String what;
		if (e instanceof NoSuchFileException) {
			what = "does not exist";
		}
		else if (e instanceof AccessDeniedException) {
			what = "may not be written or read (permission denied)";
		}
		else if (e instanceof FileAlreadyExistsException) {
			what = "already exists and is not a folder";
		}
		else if (e instanceof NotDirectoryException) {
			what = "is not a folder";
		}
		else if (e instanceof DirectoryNotEmptyException) {
			what = "is a folder that is not empty";
		}
		else {
			what = fs.getReason() == null ? "cannot be used" : fs.getReason();
		}
		return file + (fs.getOtherFile() == null ? "" : " -> " + fs.getOtherFile()) + " " + what;
	}
}
