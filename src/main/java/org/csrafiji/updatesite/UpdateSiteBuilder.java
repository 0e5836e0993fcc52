package org.csrafiji.updatesite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes an ImageJ update site folder: each file as {@code <path>-<timestamp>} and
 * db.xml.gz describing them.
 * <p>
 * Built over an existing site folder it behaves like the updater's upload: a file whose
 * checksum did not change keeps its timestamp and stored copy; a changed file gets a new
 * timestamp and its old version becomes a {@code <previous-version>} (so installed copies
 * are seen as outdated); a file the build no longer contains keeps only its previous
 * versions, which makes the updater offer to remove it. A jar whose version changed in
 * its name ({@code api-0.35.1.jar} to {@code api-0.36.0.jar}) carries the old name's
 * history. Old stored files are never deleted.
 *
 * <pre>{@code
 * List<FileRecord> written = UpdateSiteBuilder.builder()
 *     .setDescription("...").addAuthor("...").addCategory("Classification")
 *     .add("jars/csra-fiji-0.1.0.jar", pluginJar)
 *     .add("jars/api-0.35.1.jar", djlApi)
 *     .addDependency("jars/csra-fiji-0.1.0.jar", "jars/api-0.35.1.jar")
 *     .build(Path.of("target/update-site"));
 * }</pre>
 */
public final class UpdateSiteBuilder {

	/** The updater's timestamp format. */
	public static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

	private final Map<String, Entry> entries = new LinkedHashMap<>();
	private final Map<String, Set<String>> dependencies = new HashMap<>();
	private final List<String> authors = new ArrayList<>();
	private final List<String> categories = new ArrayList<>();
	private String description;
	private long timestamp = Long.parseLong(LocalDateTime.now(ZoneOffset.UTC).format(TIMESTAMP));

	private record Entry(String path, Path source) {}

	private record Stored(FileRecord record, Path source) {}

	private UpdateSiteBuilder() {}

	/** @return an empty builder, timestamped now (UTC) */
	public static UpdateSiteBuilder builder() {
		return new UpdateSiteBuilder();
	}

	/**
	 * @param path where the file goes inside Fiji.app, e.g. {@code jars/win64/x.jar}
	 * @param file the file in the build
	 * @return this builder
	 */
	public UpdateSiteBuilder add(String path, Path file) {
		SitePath.requireValid(path);
		if (entries.putIfAbsent(path, new Entry(path, file)) != null) {
			throw new UpdateSiteException(path + " is given twice (" + entries.get(path).source()
				+ " and " + file + "); the site can hold one file per path.");
		}
		return this;
	}

	/**
	 * @param from a file added to the site
	 * @param to a file it needs, also added
	 * @return this builder
	 */
	public UpdateSiteBuilder addDependency(String from, String to) {
		dependencies.computeIfAbsent(from, k -> new LinkedHashSet<>()).add(to);
		return this;
	}

	/** @param text the description every file shows in the updater @return this builder */
	public UpdateSiteBuilder setDescription(String text) {
		this.description = text;
		return this;
	}

	/** @param name an author shown for every file @return this builder */
	public UpdateSiteBuilder addAuthor(String name) {
		authors.add(name);
		return this;
	}

	/** @param name an updater category for every file @return this builder */
	public UpdateSiteBuilder addCategory(String name) {
		categories.add(name);
		return this;
	}

	/**
	 * @param yyyyMMddHHmmss the timestamp of the files that change in this build
	 * @return this builder
	 */
	public UpdateSiteBuilder setTimestamp(long yyyyMMddHHmmss) {
		LocalDateTime.parse(Long.toString(yyyyMMddHHmmss), TIMESTAMP);
		this.timestamp = yyyyMMddHHmmss;
		return this;
	}

	/**
	 * Writes (or updates) the site.
	 *
	 * @param site the site folder; created when missing
	 * @return the records written to db.xml.gz
	 * @throws UpdateSiteException for a missing file, an unknown dependency or an unreadable
	 *         old site, before anything is written
	 */
	public List<FileRecord> build(Path site) {
		requireInputs();
		List<FileRecord> old = SiteDatabase.read(site);
		Map<String, FileRecord> oldByKey = new LinkedHashMap<>();
		for (FileRecord record : old)
			oldByKey.put(SitePath.unversioned(record.filename()), record);
		Set<String> newKeys = new LinkedHashSet<>();
		for (String path : entries.keySet()) {
			if (!newKeys.add(SitePath.unversioned(path))) {
				throw new UpdateSiteException(path + " and another file are versions of the same "
					+ SitePath.unversioned(path) + "; Fiji would install both. Keep one.");
			}
		}

		Map<String, Stored> stored = new LinkedHashMap<>();
		for (Entry entry : entries.values()) {
			stored.put(entry.path(),
				next(entry, oldByKey.remove(SitePath.unversioned(entry.path()))));
		}
		List<FileRecord> records = new ArrayList<>();
		for (Stored s : stored.values())
			records.add(withDependencies(s.record(), stored));
		for (FileRecord gone : oldByKey.values())
			records.add(retired(gone));

		try {
			Files.createDirectories(site);
			for (Stored s : stored.values())
				copy(site, s);
		}
		catch (IOException e) {
			throw new UpdateSiteException(
				"Cannot write the site into " + site + ": " + e.getMessage()
					+ ". Check that the folder is writable and the disk not full.",
				e);
		}
		SiteDatabase.write(site, records);
		return records;
	}

	private void requireInputs() {
		if (entries.isEmpty()) {
			throw new UpdateSiteException(
				"No files were given for the update site; add the plugin jar at least.");
		}
		for (Entry e : entries.values()) {
			if (!Files.isRegularFile(e.source())) {
				throw new UpdateSiteException(e.path() + " is missing from the build: " + e.source()
					+ " does not exist. Run 'mvn -B -Pupdate-site package' so that it is built, "
					+ "or remove it from the site.");
			}
		}
		dependencies.forEach((from, tos) -> {
			for (String path : concat(from, tos)) {
				if (!entries.containsKey(path)) {
					throw new UpdateSiteException(
						"The dependency " + from + " -> " + String.join(", ", tos)
							+ " names " + path
							+ ", which is not on the site; add it or drop the dependency.");
				}
			}
		});
	}

	private static List<String> concat(String first, Set<String> rest) {
		List<String> all = new ArrayList<>();
		all.add(first);
		all.addAll(rest);
		return all;
	}

	/** The record for a file of this build, given what the old site had under its name. */
	private Stored next(Entry entry, FileRecord old) {
		String checksum = Checksums.of(entry.path(), entry.source());
		long size;
		try {
			size = Files.size(entry.source());
		}
		catch (IOException e) {
			throw new UpdateSiteException(
				"Cannot read the size of " + entry.source() + ": " + e.getMessage(), e);
		}
		List<FileRecord.PreviousVersion> previous = new ArrayList<>();
		long version = timestamp;
		if (old != null) {
			previous.addAll(old.previous());
			FileRecord.Version was = old.current();
			boolean sameFile = old.filename().equals(entry.path());
			if (was != null && sameFile && was.checksum().equals(checksum)) {
				version = was.timestamp();
			}
			else if (was != null) {
				if (sameFile && was.timestamp() >= timestamp) {
					throw new UpdateSiteException(
						entry.path() + " changed, but the site already has a "
							+ "version timestamped " + was.timestamp()
							+ ", not older than this build's "
							+ timestamp + ". Build again a second later (or check the clock).");
				}
				previous
					.add(new FileRecord.PreviousVersion(was.checksum(), was.timestamp(), timestamp,
						sameFile ? null : old.filename()));
			}
		}
		FileRecord.Version current = new FileRecord.Version(checksum, version, size, description,
			List.of(), authors);
		String platform = SitePath.platformOf(entry.path());
		FileRecord record = new FileRecord(entry.path(),
			platform == null ? List.of() : List.of(platform), categories, current, previous);
		return new Stored(record, entry.source());
	}

	private FileRecord withDependencies(FileRecord record, Map<String, Stored> stored) {
		Set<String> needed = dependencies.getOrDefault(record.filename(), Set.of());
		if (needed.isEmpty()) return record;
		List<FileRecord.Dependency> list = new ArrayList<>();
		for (String path : needed) {
			list.add(
				new FileRecord.Dependency(path, stored.get(path).record().current().timestamp()));
		}
		FileRecord.Version v = record.current();
		return new FileRecord(record.filename(), record.platforms(), record.categories(),
			new FileRecord.Version(v.checksum(), v.timestamp(), v.filesize(), v.description(), list,
				v.authors()),
			record.previous());
	}

	/** A file the build no longer has: its last version becomes a previous one. */
	private FileRecord retired(FileRecord gone) {
		if (gone.current() == null) return gone;
		List<FileRecord.PreviousVersion> previous = new ArrayList<>(gone.previous());
		previous.add(new FileRecord.PreviousVersion(gone.current().checksum(),
			gone.current().timestamp(), timestamp, null));
		return new FileRecord(gone.filename(), gone.platforms(), gone.categories(), null, previous);
	}

	private static void copy(Path site, Stored s) throws IOException {
		Path target = site.resolve(s.record().storedName());
		if (Files.isRegularFile(target) && Files.size(target) == s.record().current().filesize())
			return;
		Files.createDirectories(target.getParent());
		Files.copy(s.source(), target, StandardCopyOption.REPLACE_EXISTING);
	}
}
