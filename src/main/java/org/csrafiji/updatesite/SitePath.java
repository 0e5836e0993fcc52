package org.csrafiji.updatesite;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Facts about a file's path inside Fiji.app as the ImageJ Updater sees it: which paths are
 * valid, which platform a path belongs to, and which name identifies the file across
 * versions.
 */
public final class SitePath {

	/**
	 * The platforms the updater knows (its {@code Platforms.known()}); a file under
	 * {@code jars/<platform>/} or {@code lib/<platform>/} with one of these names is
	 * installed only on that platform.
	 */
	public static final List<String> KNOWN_PLATFORMS = List.of("linux-arm64", "linux32",
		"linux64", "linuxx", "macos-arm64", "macos64", "macosx", "win-arm64", "win32", "win64",
		"winx");

	/** A version inside a jar's name: a dash, a digit, then anything up to {@code .jar}. */
	private static final Pattern VERSIONED_JAR = Pattern.compile("(.+?)-\\d[^/]*\\.jar");

	private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._+-]+(/[A-Za-z0-9._+-]+)*");

	private SitePath() {}

	/**
	 * @param path a relative path with forward slashes
	 * @return the path, if it is one the updater can install: ASCII letters, digits and
	 *         {@code . _ + -}, no empty, {@code .} or {@code ..} segment, inside a folder
	 * @throws UpdateSiteException naming the path and the rule it breaks
	 */
	public static String requireValid(String path) {
		if (path == null || !VALID.matcher(path).matches() || path.indexOf('/') < 0) {
			throw new UpdateSiteException("'" + path + "' cannot be a file on the update site: "
				+ "use a relative path inside a Fiji folder (jars/, macros/, models/ ...) made of "
				+ "ASCII letters, digits, '.', '_', '+' and '-'.");
		}
		for (String segment : path.split("/")) {
			if (segment.equals(".") || segment.equals("..")) {
				throw new UpdateSiteException("'" + path + "' leaves the Fiji folder; "
					+ "give a path without '.' or '..' segments.");
			}
		}
		return path;
	}

	/**
	 * @param path a valid relative path
	 * @return the updater's platform for the path ({@code jars/linux64/x.jar} -> linux64), or
	 *         null when the file is for every platform
	 */
	public static String platformOf(String path) {
		String rest;
		if (path.startsWith("jars/")) rest = path.substring(5);
		else if (path.startsWith("lib/")) rest = path.substring(4);
		else
			return null;
		int slash = rest.indexOf('/');
		if (slash < 0) return null;
		String platform = rest.substring(0, slash);
		return KNOWN_PLATFORMS.contains(platform) ? platform : null;
	}

	/**
	 * The name that stays the same when a jar's version changes, used to carry a file's
	 * history over an upgrade ({@code jars/api-0.35.1.jar} -> {@code jars/api.jar}). A
	 * simpler form of scijava-common's {@code FileUtils.stripFilenameVersion}: the version
	 * and any classifier after it are dropped; other files keep their path.
	 *
	 * @param path a valid relative path
	 * @return the path without the version in the jar's name
	 */
	public static String unversioned(String path) {
		int slash = path.lastIndexOf('/');
		Matcher m = VERSIONED_JAR.matcher(path.substring(slash + 1));
		return m.matches() ? path.substring(0, slash + 1) + m.group(1) + ".jar" : path;
	}
}
