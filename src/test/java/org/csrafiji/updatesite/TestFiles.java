package org.csrafiji.updatesite;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Fixtures: small jars written entry by entry, and a plain SHA-1. */
final class TestFiles {

	private TestFiles() {}

	/** Entries in the order given (not sorted), so that the checksum's sorting is exercised. */
	static Path jar(Path file, Map<String, String> entries) throws IOException {
		Files.createDirectories(file.getParent());
		try (OutputStream out = Files.newOutputStream(file);
			ZipOutputStream zip = new ZipOutputStream(out))
		{
			for (Map.Entry<String, String> e : entries.entrySet()) {
				zip.putNextEntry(new ZipEntry(e.getKey()));
				zip.write(e.getValue().getBytes(StandardCharsets.UTF_8));
				zip.closeEntry();
			}
		}
		return file;
	}

	/** A jar holding the given classes (fake bytes), e.g. "a/B" -> a/B.class. */
	static Path jarWithClasses(Path file, String... classes) throws IOException {
		Map<String, String> entries = new LinkedHashMap<>();
		entries.put("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\n");
		for (String c : classes)
			entries.put(c + ".class", "bytes of " + c + " in " + file.getFileName());
		return jar(file, entries);
	}

	static Path text(Path file, String content) throws IOException {
		Files.createDirectories(file.getParent());
		return Files.writeString(file, content, StandardCharsets.UTF_8);
	}

	static String sha1(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bytes));
		}
		catch (NoSuchAlgorithmException e) {
			throw new AssertionError(e);
		}
	}

	static byte[] ascii(String s) {
		return s.getBytes(StandardCharsets.US_ASCII);
	}
}
