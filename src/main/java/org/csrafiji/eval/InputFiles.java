package org.csrafiji.eval;

import java.nio.file.Files;
import java.nio.file.Path;

import org.csrafiji.core.DatasetException;

/** Checks on the files a reader is given, before it opens them. */
final class InputFiles {

	private InputFiles() {}

	/**
	 * @param file the path
	 * @param what what the file should be, e.g. "The label file"
	 */
	static void requireFile(Path file, String what) {
		if (!Files.isRegularFile(file)) {
			throw new DatasetException(what + " " + file + " does not exist or is not a file;"
				+ " check the path.");
		}
	}

	/**
	 * @param dir the path
	 * @param what what the folder should be
	 */
	static void requireDirectory(Path dir, String what) {
		if (!Files.isDirectory(dir)) {
			throw new DatasetException(what + " " + dir + " does not exist or is not a folder;"
				+ " check the path.");
		}
	}
}
