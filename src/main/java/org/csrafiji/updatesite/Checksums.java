package org.csrafiji.updatesite;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * File checksums exactly as the ImageJ Updater computes them (its {@code UpdaterUtil.getDigest}
 * and {@code getJarDigest}), so that an installed file verifies and is seen as up to date.
 * <p>
 * A path ending in {@code .jar}: SHA-1 over the jar's entries sorted by name (String order);
 * for each entry its name's bytes in US-ASCII, then its content, where
 * <ul>
 * <li>{@code META-INF/MANIFEST.MF} contributes no content (the updater keeps only lines
 * whose upper-cased text starts with {@code "Main-Class:"}, which none does);</li>
 * <li>a {@code .properties} entry is read through the updater's "skip hashed lines" filter
 * ({@code HashedLineFilter}), which reduces a comment line to its newline.</li>
 * </ul>
 * Any other path: SHA-1 of the relative path's US-ASCII bytes (forward slashes, e.g.
 * {@code macros/classify.ijm}) followed by the file's bytes. Always lower-case hex.
 */
public final class Checksums {

	private static final String MANIFEST = "META-INF/MANIFEST.MF";

	private Checksums() {}

	/**
	 * @param path the file's path relative to the Fiji folder, with forward slashes
	 * @param file the file's bytes on disk
	 * @return the updater's checksum of the file installed at {@code path}
	 */
	public static String of(String path, Path file) {
		try {
			return path.endsWith(".jar") ? ofJar(file) : ofPlainFile(path, file);
		}
		catch (IOException e) {
			throw new UpdateSiteException("Cannot read " + file + " to checksum it as " + path
				+ ": " + e.getMessage() + ". Check that the build wrote it completely.", e);
		}
	}

	private static String ofPlainFile(String path, Path file) throws IOException {
		MessageDigest digest = sha1();
		digest.update(path.getBytes(StandardCharsets.US_ASCII));
		try (InputStream in = Files.newInputStream(file)) {
			drain(in, digest);
		}
		return HexFormat.of().formatHex(digest.digest());
	}

	private static String ofJar(Path file) throws IOException {
		MessageDigest digest = sha1();
		try (ZipFile jar = new ZipFile(file.toFile())) {
			List<ZipEntry> entries = new ArrayList<>(Collections.list(jar.entries()));
			entries.sort(Comparator.comparing(ZipEntry::getName));
			for (ZipEntry entry : entries) {
				String name = entry.getName();
				digest.update(name.getBytes(StandardCharsets.US_ASCII));
				if (name.equals(MANIFEST)) continue;
				try (InputStream in = jar.getInputStream(entry)) {
					if (name.endsWith(".properties")) {
						digest.update(HashedLineFilter.apply(in.readAllBytes()));
					}
					else {
						drain(in, digest);
					}
				}
			}
		}
		catch (java.util.zip.ZipException e) {
			throw new UpdateSiteException(file + " is not a readable jar (" + e.getMessage()
				+ "); rebuild it or remove it from the site.", e);
		}
		return HexFormat.of().formatHex(digest.digest());
	}

	private static void drain(InputStream in, MessageDigest digest) throws IOException {
		try (DigestInputStream digesting = new DigestInputStream(in, digest)) {
			byte[] buffer = new byte[65536];
			while (digesting.read(buffer) >= 0) {
				// the digest sees every byte read
			}
		}
	}

	private static MessageDigest sha1() {
		try {
			return MessageDigest.getInstance("SHA-1");
		}
		catch (NoSuchAlgorithmException e) {
			throw new UncheckedIOException(new IOException("this JVM has no SHA-1", e));
		}
	}
}
