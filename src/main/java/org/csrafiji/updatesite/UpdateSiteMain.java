package org.csrafiji.updatesite;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds the update site from a staging folder; run by Maven in the {@code update-site}
 * profile ({@code mvn -B -Pupdate-site package}).
 *
 * <pre>
 * UpdateSiteMain --staging DIR --site DIR [--fiji-jars DIR] [--main-jar PATH]
 *                [--require PATH]... [--description TEXT] [--author NAME]...
 *                [--category NAME]... [--timestamp yyyyMMddHHmmss]
 * </pre>
 * <ul>
 * <li>{@code --staging}: every file in it goes on the site at its relative path;</li>
 * <li>{@code --fiji-jars}: the jars Fiji already ships that the site relies on; they are
 * not put on the site but take part in the duplicate-class check;</li>
 * <li>{@code --main-jar}: the plugin jar, recorded as depending on every jar in jars/
 * (platform folders excluded: the updater installs those by platform);</li>
 * <li>{@code --require}: a path the site must contain (a missing one stops the build).</li>
 * </ul>
 * Exits with status 1 and one line on stderr when the site cannot be built.
 */
public final class UpdateSiteMain {

	private UpdateSiteMain() {}

	/** @param args see the class description */
	public static void main(String[] args) {
		try {
			List<FileRecord> records = run(args);
			long current = records.stream().filter(r -> r.current() != null).count();
			System.out.println("Update site written: " + current + " files, "
				+ (records.size() - current) + " retired records.");
		}
		catch (UpdateSiteException | IllegalArgumentException e) {
			System.err.println("update site: " + e.getMessage());
			System.exit(1);
		}
	}

	/**
	 * Builds the site as {@link #main} does, without exiting.
	 *
	 * @param args see the class description
	 * @return the records written
	 */
	public static List<FileRecord> run(String... args) {
		Path staging = null;
		Path site = null;
		Path fijiJars = null;
		String mainJar = null;
		List<String> required = new ArrayList<>();
		UpdateSiteBuilder builder = UpdateSiteBuilder.builder();
		for (int i = 0; i < args.length; i += 2) {
			if (i + 1 >= args.length)
				throw new IllegalArgumentException(args[i] + " needs a value");
			String value = args[i + 1];
			switch (args[i]) {
				case "--staging" -> staging = Path.of(value);
				case "--site" -> site = Path.of(value);
				case "--fiji-jars" -> fijiJars = Path.of(value);
				case "--main-jar" -> mainJar = value;
				case "--require" -> required.add(value);
				case "--description" -> builder.setDescription(value);
				case "--author" -> builder.addAuthor(value);
				case "--category" -> builder.addCategory(value);
				case "--timestamp" -> builder.setTimestamp(Long.parseLong(value));
				default -> throw new IllegalArgumentException("unknown option " + args[i]);
			}
		}
		if (staging == null || site == null) {
			throw new IllegalArgumentException("give --staging DIR and --site DIR");
		}
		Map<String, Path> files = StagingFolder.files(staging);
		for (String path : required) {
			if (!files.containsKey(path)) {
				throw new UpdateSiteException(path + " is missing from the build: it is not in "
					+ staging + ". Check the update-site profile's copy steps in pom.xml.");
			}
		}
		List<Path> jars = new ArrayList<>();
		files.forEach((path, file) -> {
			builder.add(path, file);
			if (path.endsWith(".jar")) jars.add(file);
		});
		if (fijiJars != null) {
			StagingFolder.files(fijiJars).forEach((path, file) -> {
				if (path.endsWith(".jar")) jars.add(file);
			});
		}
		DuplicateClassCheck.check(jars);
		if (mainJar != null) {
			if (!files.containsKey(mainJar)) {
				throw new UpdateSiteException(
					"The plugin jar " + mainJar + " is missing from the build: "
						+ "it is not in " + staging + ". Run 'mvn -B -Pupdate-site package'.");
			}
			for (String path : files.keySet()) {
				boolean sharedJar = path.startsWith("jars/") && path.endsWith(".jar")
					&& SitePath.platformOf(path) == null && !path.equals(mainJar);
				if (sharedJar) builder.addDependency(mainJar, path);
			}
		}
		return builder.build(site);
	}
}
