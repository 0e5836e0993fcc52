package org.csrafiji.updatesite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A folder laid out like Fiji.app (jars/, jars/linux64/, models/, macros/ ...) that the
 * build fills with what the site should hold; every regular file in it becomes a site file
 * at its relative path.
 */
public final class StagingFolder {

	private StagingFolder() {}

	/**
	 * @param root the staging folder
	 * @return relative path (forward slashes) to file, sorted by path
	 * @throws UpdateSiteException when the folder is missing or unreadable
	 */
	public static Map<String, Path> files(Path root) {
		if (!Files.isDirectory(root)) {
			throw new UpdateSiteException("The staging folder " + root + " does not exist; run "
				+ "'mvn -B -Pupdate-site package', which fills it before building the site.");
		}
		Map<String, Path> files = new TreeMap<>();
		try (Stream<Path> walk = Files.walk(root)) {
			walk.filter(Files::isRegularFile).forEach(file -> {
				String path = root.relativize(file).toString().replace('\\', '/');
				files.put(path, file);
			});
		}
		catch (IOException e) {
			throw new UpdateSiteException("Cannot list " + root + ": " + e.getMessage(), e);
		}
		return files;
	}
}
