package org.csrafiji.updatesite;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Installs an update site into a Fiji.app folder the way the ImageJ Updater does: for every
 * file of db.xml.gz with a current version, for every platform or for this one, it downloads
 * {@code <path>-<timestamp>} from the site's URL, checks the size and the updater's checksum
 * against db.xml.gz, and only then puts it at {@code <path>} (without the timestamp).
 */
final class UpdaterInstall {

	private UpdaterInstall() {}

	/**
	 * @param site the site's URL (a {@code file:} URL of a local site works)
	 * @param siteFolder the same site on disk, where its db.xml.gz is read
	 * @param fiji the Fiji.app folder
	 * @param platform the updater's name of this platform, e.g. linux64
	 * @return the paths installed, in db.xml.gz's order
	 * @throws IOException when a download fails
	 * @throws AssertionError when a file's size or checksum differs from db.xml.gz
	 */
	static List<String> install(URI site, Path siteFolder, Path fiji, String platform)
		throws IOException
	{
		List<String> installed = new ArrayList<>();
		for (FileRecord record : SiteDatabase.read(siteFolder)) {
			boolean here = record.platforms().isEmpty() || record.platforms().contains(platform);
			if (record.current() == null || !here) continue;
			Path target = fiji.resolve(record.filename());
			Files.createDirectories(target.getParent());
			Path download = Files.createTempFile(target.getParent(), ".download-", "");
			try (InputStream in = site.resolve(record.storedName()).toURL().openStream()) {
				Files.copy(in, download, StandardCopyOption.REPLACE_EXISTING);
			}
			verify(record, download);
			Files.move(download, target, StandardCopyOption.REPLACE_EXISTING);
			installed.add(record.filename());
		}
		return installed;
	}

	private static void verify(FileRecord record, Path download) throws IOException {
		long size = Files.size(download);
		if (size != record.current().filesize()) {
			throw new AssertionError(
				record.storedName() + " has " + size + " bytes, db.xml.gz says "
					+ record.current().filesize());
		}
		String checksum = Checksums.of(record.filename(), download);
		if (!checksum.equals(record.current().checksum())) {
			throw new AssertionError(record.storedName() + " has checksum " + checksum
				+ ", db.xml.gz says " + record.current().checksum());
		}
	}
}
