package org.csrafiji.updatesite;

import java.util.List;

/**
 * One {@code <plugin>} of db.xml.gz: a file the site offers, its platforms and categories,
 * its current version (null when the file was removed from the site: the updater then
 * offers to uninstall it) and its earlier versions, newest last.
 *
 * @param filename the path inside Fiji.app, e.g. {@code jars/csra-fiji-0.1.0.jar}
 * @param platforms the platforms it is installed on; empty for all
 * @param categories the updater's categories
 * @param current the version to install, or null for a file the site no longer ships
 * @param previous earlier versions, so that the updater recognises them as outdated
 */
public record FileRecord(String filename, List<String> platforms, List<String> categories,
	Version current, List<PreviousVersion> previous)
{

	/** Copies the lists so that a record never changes. */
	public FileRecord {
		platforms = List.copyOf(platforms);
		categories = List.copyOf(categories);
		previous = List.copyOf(previous);
	}

	/**
	 * The {@code <version>} of a file.
	 *
	 * @param checksum the updater's checksum ({@link Checksums})
	 * @param timestamp yyyyMMddHHmmss; the file is stored as {@code <filename>-<timestamp>}
	 * @param filesize the size in bytes
	 * @param description shown in the updater; may be null
	 * @param dependencies files this one needs
	 * @param authors shown in the updater
	 */
	public record Version(String checksum, long timestamp, long filesize, String description,
		List<Dependency> dependencies, List<String> authors)
	{

		/** Copies the lists so that a record never changes. */
		public Version {
			dependencies = List.copyOf(dependencies);
			authors = List.copyOf(authors);
		}
	}

	/**
	 * A {@code <dependency>}.
	 *
	 * @param filename the file needed
	 * @param timestamp the timestamp of the version needed
	 */
	public record Dependency(String filename, long timestamp) {}

	/**
	 * A {@code <previous-version>}.
	 *
	 * @param checksum the old version's checksum
	 * @param timestamp the old version's timestamp
	 * @param timestampObsolete when it was replaced (yyyyMMddHHmmss), or 0 when unknown
	 * @param filename the old file name when it differed (a jar whose version changed), or
	 *        null
	 */
	public record PreviousVersion(String checksum, long timestamp, long timestampObsolete,
		String filename)
	{}

	/** @return the name the site stores the current version under, {@code <filename>-<timestamp>} */
	public String storedName() {
		if (current == null) throw new IllegalStateException(filename + " has no current version");
		return filename + "-" + current.timestamp();
	}
}
