package org.csrafiji.fiji;

import org.csrafiji.core.CsraException;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The batch's CSV file: a header, then records of one line each (fields quoted when they
 * hold a comma or a quote; line breaks inside fields become spaces). Opening an existing
 * file resumes it: a last line without its line break (a row cut off by a crash) is cut
 * away, the header must match, and the first field of each record (the file) is remembered.
 * All rows of one file are written in one write, straight to the file.
 */
final class BatchCsv implements Closeable {

	private final Path file;
	private final FileChannel channel;
	private final Set<String> keys;

	private BatchCsv(Path file, FileChannel channel, Set<String> keys) {
		this.file = file;
		this.channel = channel;
		this.keys = keys;
	}

	/**
	 * @param file the CSV
	 * @param header the column names
	 * @return the file, ready to append
	 */
	static BatchCsv open(Path file, List<String> header) {
		try {
			Path parent = file.toAbsolutePath().getParent();
			if (parent != null) {
				Files.createDirectories(parent);
			}
			byte[] old = Files.exists(file) ? Files.readAllBytes(file) : new byte[0];
			int valid = old.length;
			while (valid > 0 && old[valid - 1] != '\n') {
				valid--;
			}
			String text = new String(old, 0, valid, StandardCharsets.UTF_8);
			Set<String> keys = new HashSet<>();
			String head = line(header);
			List<String> lines = text.isEmpty() ? List.of() : List.of(text.split("\n"));
			if (!lines.isEmpty() && !lines.get(0).strip().equals(head.strip())) {
				throw new CsraException("output_csv '" + file + "' has other columns than this model"
					+ " writes (another model or another tool wrote it); choose a new output_csv.");
			}
			for (int i = 1; i < lines.size(); i++) {
				List<String> f = parse(lines.get(i));
				if (!f.isEmpty() && !f.get(0).isEmpty()) {
					keys.add(f.get(0));
				}
			}
			FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE,
				StandardOpenOption.WRITE);
			ch.truncate(valid);
			ch.position(valid);
			BatchCsv csv = new BatchCsv(file, ch, keys);
			if (lines.isEmpty()) {
				csv.write(List.of(header));
			}
			return csv;
		}
		catch (IOException e) {
			throw new CsraException("Cannot open output_csv '" + file + "': " + e.getMessage(), e);
		}
	}

	/**
	 * @param key a file's name as written in the first column
	 * @return whether the CSV already has it
	 */
	boolean contains(String key) {
		return keys.contains(key);
	}

	/**
	 * Appends rows in a single write.
	 *
	 * @param rows the rows
	 */
	void write(List<List<String>> rows) {
		StringBuilder sb = new StringBuilder();
		for (List<String> r : rows) {
			sb.append(line(r)).append('\n');
		}
		ByteBuffer b = ByteBuffer.wrap(sb.toString().getBytes(StandardCharsets.UTF_8));
		try {
			while (b.hasRemaining()) {
				channel.write(b);
			}
		}
		catch (IOException e) {
			throw new CsraException("Cannot write to output_csv '" + file + "': " + e.getMessage(),
				e);
		}
		for (List<String> r : rows) {
			keys.add(r.get(0));
		}
	}

	@Override
	public void close() throws IOException {
		channel.close();
	}

	static String line(List<String> fields) {
		StringBuilder sb = new StringBuilder();
		for (int i = 0; i < fields.size(); i++) {
			String f = fields.get(i);
			String v = f == null ? "" : f.replace('\r', ' ').replace('\n', ' ');
			if (i > 0) {
				sb.append(',');
			}
			sb.append(v.contains(",") || v.contains("\"") ? "\"" + v.replace("\"", "\"\"") + "\""
				: v);
		}
		return sb.toString();
	}

	static List<String> parse(String line) {
		List<String> out = new ArrayList<>();
		StringBuilder f = new StringBuilder();
		boolean quoted = false;
		for (int i = 0; i < line.length(); i++) {
			char c = line.charAt(i);
			if (quoted) {
				if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
					f.append('"');
					i++;
				}
				else if (c == '"') {
					quoted = false;
				}
				else {
					f.append(c);
				}
			}
			else if (c == '"') {
				quoted = true;
			}
			else if (c == ',') {
				out.add(f.toString());
				f.setLength(0);
			}
			else if (c != '\r') {
				f.append(c);
			}
		}
		out.add(f.toString());
		return out;
	}
}
