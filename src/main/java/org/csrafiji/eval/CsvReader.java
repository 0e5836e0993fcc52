package org.csrafiji.eval;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.csrafiji.core.DatasetException;

/**
 * Reads a CSV file ({@link Csv}) one record at a time, so that files of any size are read in
 * bounded memory: a record may span lines (a quoted field with line breaks) but may not be
 * longer than {@link #MAX_RECORD_BYTES}. Lines may end in LF, CRLF or CR; a UTF-8 byte-order
 * mark is skipped; blank lines are skipped. Each record says where it starts and ends in the
 * file (in bytes) and whether it ended with a line break, so that a writer resuming a file
 * can cut off a record a stopped run left unfinished.
 */
public final class CsvReader implements Closeable {

	/** The longest record read: far more than any row this project writes. */
	public static final int MAX_RECORD_BYTES = 16 << 20;

	/** How a record ended. */
	public enum End {
		/** with a line break: a whole record */
		LINE_BREAK,
		/** at the end of the file, without a line break */
		END_OF_FILE,
		/** at the end of the file inside a quoted field */
		OPEN_QUOTE
	}

	/**
	 * One record.
	 *
	 * @param line the line it starts on, from 1
	 * @param fields its values, unquoted and unescaped ({@link Csv})
	 * @param start the offset of its first byte
	 * @param end the offset after its line break (or of the end of the file)
	 * @param ending how it ended
	 */
	public record Record(long line, List<String> fields, long start, long end, End ending) {}

	private static final int EOF = -1;

	private final Path file;
	private final InputStream in;
	private final byte[] buffer = new byte[1 << 16];
	private int position;
	private int limit;
	private long offset;
	private long line = 1;
	private byte[] field = new byte[256];
	private int length;
	private int recordBytes;
	private boolean quotedSeen;

	private CsvReader(Path file, InputStream in) {
		this.file = file;
		this.in = in;
	}

	/**
	 * @param file a CSV file
	 * @return a reader at its first record
	 * @throws DatasetException when the file cannot be opened
	 */
	public static CsvReader open(Path file) {
		if (Files.isDirectory(file)) {
			throw new DatasetException(file + " is a folder, not a CSV file; give the file.");
		}
		try {
			CsvReader reader = new CsvReader(file, Files.newInputStream(file));
			reader.skipByteOrderMark();
			return reader;
		}
		catch (NoSuchFileException e) {
			throw new DatasetException("The CSV file " + file + " does not exist; check the path.",
				e);
		}
		catch (IOException e) {
			throw new DatasetException("Cannot read " + file + ": " + e.getMessage()
				+ "; check that the file exists and is readable.", e);
		}
	}

	/** @return the file read, for messages */
	public Path file() {
		return file;
	}

	/**
	 * @return the next non-blank record, or null at the end of the file
	 * @throws DatasetException when the file cannot be read or a record is too long
	 */
	public Record next() {
		try {
			while (true) {
				if (peek() == EOF) {
					return null;
				}
				Record r = record();
				// a record of one field that was not quoted: the field is also the last one read
				boolean blank = r.fields().size() == 1 && r.fields().get(0).isEmpty()
					&& !quotedSeen;
				if (!blank) {
					return r;
				}
			}
		}
		catch (IOException e) {
			throw new DatasetException("Cannot read " + file + ": " + e.getMessage() + ".", e);
		}
	}

	/**
	 * @param record a record of this file
	 * @return the record, when it is not cut off inside a quoted field
	 * @throws DatasetException when it is
	 */
	public Record requireComplete(Record record) {
		if (record.ending() == End.OPEN_QUOTE) {
			throw new DatasetException(file + " line " + record.line() + ": a quoted field is not"
				+ " closed before the end of the file; end it with \".");
		}
		return record;
	}

	private Record record() throws IOException {
		long start = offset;
		long firstLine = line;
		List<String> fields = new ArrayList<>();
		recordBytes = 0;
		startField();
		boolean quoted = false;
		int closed = -1;
		while (true) {
			int b = read();
			if (b == EOF) {
				fields.add(value(closed));
				return new Record(firstLine, List.copyOf(fields), start, offset,
					quoted
						? End.OPEN_QUOTE
						: End.END_OF_FILE);
			}
			if (++recordBytes > MAX_RECORD_BYTES) {
				throw new DatasetException(file + " line " + firstLine + ": a record longer than "
					+ (MAX_RECORD_BYTES >> 20) + " MiB; this is not a CSV file this project reads"
					+ " (or a quote is not closed).");
			}
			if (quoted) {
				if (b == '"') {
					if (peek() == '"') {
						read();
						append(b);
					}
					else {
						quoted = false;
						closed = length;
					}
				}
				else {
					countLine(b);
					append(b);
				}
			}
			else if (b == '"' && !quotedSeen && blankSoFar()) {
				quoted = true;
				quotedSeen = true;
				length = 0;
			}
			else if (b == ',') {
				fields.add(value(closed));
				startField();
				closed = -1;
			}
			else if (b == '\n' || b == '\r') {
				if (b == '\r' && peek() == '\n') {
					read();
				}
				line++;
				fields.add(value(closed));
				return new Record(firstLine, List.copyOf(fields), start, offset, End.LINE_BREAK);
			}
			else {
				append(b);
			}
		}
	}

	private void countLine(int b) throws IOException {
		if (b == '\n' || b == '\r' && peek() != '\n') {
			line++;
		}
	}

	private void startField() {
		length = 0;
		quotedSeen = false;
	}

	private boolean blankSoFar() {
		for (int i = 0; i < length; i++) {
			if (field[i] != ' ' && field[i] != '\t') {
				return false;
			}
		}
		return true;
	}

	/** The field read: a quoted part kept as is, unquoted parts without surrounding blanks. */
	private String value(int closed) {
		String text;
		if (quotedSeen) {
			int end = closed < 0 ? length : closed;
			text = new String(field, 0, end, StandardCharsets.UTF_8) + new String(field, end, length
				- end, StandardCharsets.UTF_8).strip();
		}
		else {
			text = new String(field, 0, length, StandardCharsets.UTF_8).strip();
		}
		return Csv.unescape(text);
	}

	private void append(int b) {
		if (length == field.length) {
			field = Arrays.copyOf(field, Math.min(MAX_RECORD_BYTES + 1, field.length * 2));
		}
		field[length++] = (byte) b;
	}

	private int read() throws IOException {
		int b = peek();
		if (b != EOF) {
			position++;
			offset++;
		}
		return b;
	}

	private int peek() throws IOException {
		if (position == limit) {
			limit = in.read(buffer);
			position = 0;
			if (limit <= 0) {
				limit = 0;
				return EOF;
			}
		}
		return buffer[position] & 0xff;
	}

	private void skipByteOrderMark() throws IOException {
		if (peek() == 0xEF && limit - position >= 3 && (buffer[position + 1] & 0xff) == 0xBB
			&& (buffer[position + 2] & 0xff) == 0xBF)
		{
			position += 3;
			offset += 3;
		}
	}

	@Override
	public void close() {
		try {
			in.close();
		}
		catch (IOException e) {
			// nothing was written
		}
	}
}
