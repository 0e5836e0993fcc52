package org.csrafiji.updatesite;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Rejects a set of jars in which one class is found twice. Fiji puts every jar in jars/ on
 * one flat class path, so a second copy of a class (a shaded library, two versions of one
 * artifact) means whichever jar comes first wins, differently on different machines.
 * <p>
 * Classes under {@code META-INF/versions/<n>/} count as their base class;
 * {@code module-info.class} is ignored (every modular jar has one).
 */
public final class DuplicateClassCheck {

	private static final String VERSIONS = "META-INF/versions/";

	private DuplicateClassCheck() {}

	/**
	 * @param jars the jars that will share one class path
	 * @throws UpdateSiteException naming the first duplicated class and both jars that hold it
	 */
	public static void check(List<Path> jars) {
		Map<String, Path> owner = new LinkedHashMap<>();
		for (Path jar : jars) {
			for (String className : classesIn(jar)) {
				Path first = owner.putIfAbsent(className, jar);
				if (first != null) {
					throw new UpdateSiteException("Class " + className + " is in both "
						+ first.getFileName() + " and " + jar.getFileName() + " (" + first + ", "
						+ jar
						+ "); Fiji would load whichever comes first. Keep one of the two jars "
						+ "(exclude the other from the site, or from the shaded jar).");
				}
			}
		}
	}

	private static Set<String> classesIn(Path jar) {
		Set<String> names = new HashSet<>();
		try (ZipFile zip = new ZipFile(jar.toFile())) {
			for (ZipEntry entry : Collections.list(zip.entries())) {
				String name = entry.getName();
				if (name.startsWith(VERSIONS)) {
					int slash = name.indexOf('/', VERSIONS.length());
					if (slash < 0) continue;
					name = name.substring(slash + 1);
				}
				if (!name.endsWith(".class") || name.endsWith("module-info.class")) continue;
				names.add(name.substring(0, name.length() - 6).replace('/', '.'));
			}
		}
		catch (IOException e) {
			throw new UpdateSiteException(
				"Cannot read " + jar + " to check it for duplicate classes: "
					+ e.getMessage() + ". Rebuild it, or remove it from the site.",
				e);
		}
		return names;
	}
}
