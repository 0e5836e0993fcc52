package org.csrafiji.fiji;

import org.csrafiji.core.CsraException;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The files a batch classifies: matching names in a folder (and its sub-folders), sorted. */
final class BatchFiles {

	private BatchFiles() {}

	/**
	 * @param s the batch settings
	 * @return matching regular files, sorted by path, without the output CSV and anything in
	 *         the attention folder
	 */
	static List<Path> list(BatchSettings s) {
		PathMatcher names;
		try {
			names = FileSystems.getDefault().getPathMatcher("glob:" + s.filePattern());
		}
		catch (IllegalArgumentException e) {
			throw new CsraException("file_pattern '" + s.filePattern() + "' is not a valid pattern"
				+ " (" + e.getMessage() + "); use e.g. *.tif or *.{png,jpg}.");
		}
		Path csv = s.outputCsv().toAbsolutePath().normalize();
		Path att = s.attentionDir() == null ? null : s.attentionDir().toAbsolutePath().normalize();
		try (Stream<Path> walk = Files.walk(s.inputDir(), s.recursive() ? Integer.MAX_VALUE : 1)) {
			return walk.filter(Files::isRegularFile).filter(p -> names.matches(p.getFileName()))
				.filter(p -> !p.toAbsolutePath().normalize().equals(csv)).filter(p -> att == null
					|| !p.toAbsolutePath().normalize().startsWith(att)).sorted().collect(Collectors
						.toList());
		}
		catch (IOException e) {
			throw new CsraException("Cannot list input_dir '" + s.inputDir() + "': " + e
				.getMessage(), e);
		}
	}

	/**
	 * @param s the batch settings
	 * @param file a file in the input folder
	 * @return its path relative to the input folder, with / as separator
	 */
	static String key(BatchSettings s, Path file) {
		return s.inputDir().relativize(file).toString().replace('\\', '/');
	}
}
