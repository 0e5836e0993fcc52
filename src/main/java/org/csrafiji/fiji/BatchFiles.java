package org.csrafiji.fiji;

import org.csrafiji.app.Shard;
import org.csrafiji.core.CsraException;
import org.csrafiji.core.OutputLock;

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
	 *         the attention folder; of those, only the settings' shard
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
		Path att = s.attentionDir() == null ? null : s.attentionDir().toAbsolutePath().normalize();
		try (Stream<Path> walk = Files.walk(s.inputDir(), s.recursive() ? Integer.MAX_VALUE : 1)) {
			return walk.filter(Files::isRegularFile).filter(p -> names.matches(p.getFileName()))
				.filter(p -> !isOutput(s, p)).filter(p -> att == null || !p.toAbsolutePath()
					.normalize().startsWith(att))
				.collect(Collectors.collectingAndThen(Collectors.toList(),
					all -> s.shard().select(all, p -> org.csrafiji.app.BatchClassification.key(s
						.inputDir(), p))));
		}
		catch (IOException e) {
			throw new CsraException("Cannot list input_dir '" + s.inputDir() + "': " + e
				.getMessage(), e);
		}
	}

	/** The output CSV, its lock file and the temporary files of its rewriting. */
	private static boolean isOutput(BatchSettings s, Path p) {
		Path csv = s.outputCsv().toAbsolutePath().normalize();
		Path file = p.toAbsolutePath().normalize();
		String name = file.getFileName().toString();
		String csvName = csv.getFileName().toString();
		return file.equals(csv) || file.equals(OutputLock.lockFileOf(csv)) || file.getParent()
			.equals(csv.getParent()) && name.startsWith("." + csvName + ".")
			&& name.endsWith(
				".partial");
	}

	/**
	 * @param s batch settings that match no file
	 * @return a warning saying so, with a few names the folder does hold
	 */
	static String noMatch(BatchSettings s) {
		if (!s.shard().equals(Shard.ALL)) {
			int all = list(new BatchSettings(s.inputDir(), s.recursive(), s.filePattern(), s
				.outputCsv(), s.attentionDir(), Shard.ALL)).size();
			if (all > 0) {
				return "shard " + s.shard() + " holds no file: " + all
					+ " file(s) match file_pattern '"
					+ s.filePattern() + "', fewer than the " + s.shard().count()
					+ " shards, so this shard"
					+ " has nothing to classify and writes no CSV.";
			}
		}
		List<String> some;
		try (Stream<Path> walk = Files.walk(s.inputDir(), s.recursive() ? Integer.MAX_VALUE : 1)) {
			some = walk.filter(Files::isRegularFile).filter(p -> !isOutput(s, p)).limit(3)
				.map(p -> s
					.inputDir().relativize(p).toString())
				.collect(Collectors.toList());
		}
		catch (IOException e) {
			some = List.of();
		}
		return "no file in " + s.inputDir() + (s.recursive() ? " or its sub-folders" : "")
			+ " matches file_pattern '" + s.filePattern() + "', so nothing was classified. "
			+ (some.isEmpty()
				? "The folder holds no files" + (s.recursive()
					? ""
					: " (sub-folders"
						+ " are searched with recursive=true)")
				: "It holds e.g. " + String.join(", ", some))
			+ "; check input_dir and file_pattern (e.g. *.tif or *.{png,jpg}; case matters).";
	}
}
