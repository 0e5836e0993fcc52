package org.csrafiji.eval;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.csrafiji.core.DatasetException;

/**
 * The small CSV dialect of this package: comma-separated, UTF-8 (a byte-order mark is
 * skipped), fields optionally in double quotes with {@code ""} for a quote inside, one record
 * per line, blank lines skipped.
 */
final class Csv {

	/**
	 * One non-blank line.
	 *
	 * @param number line number in the file, from 1
	 * @param fields the fields, unquoted and stripped of surrounding blanks
	 */
	record Line(int number, List<String> fields) {
	}

	private Csv() {
	}

	/**
	 * @param file the file
	 * @return its non-blank lines, split into fields
	 */
	static List<Line> read(Path file) {
		InputFiles.requireFile(file, "The CSV file");
		List<Line> lines = new ArrayList<>();
		try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			String text;
			int number = 0;
			while ((text = in.readLine()) != null) {
				number++;
				if (number == 1 && text.startsWith("\uFEFF")) {
					text = text.substring(1);
				}
				if (!text.isBlank()) {
					lines.add(new Line(number, split(text, file, number)));
				}
			}
		}
		catch (IOException e) {
			throw new DatasetException("Cannot read " + file + ": " + e.getMessage()
				+ "; check that the file exists and is UTF-8 text.", e);
		}
		if (lines.isEmpty()) {
			throw new DatasetException(file + " is empty; it needs a header line and one line per image.");
		}
		return lines;
	}

	static List<String> split(String text, Path file, int number) {
		List<String> fields = new ArrayList<>();
		StringBuilder field = new StringBuilder();
		boolean quoted = false;
		for (int i = 0; i < text.length(); i++) {
			char ch = text.charAt(i);
			if (quoted) {
				if (ch == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
					field.append('"');
					i++;
				}
				else if (ch == '"') {
					quoted = false;
				}
				else {
					field.append(ch);
				}
			}
			else if (ch == '"' && field.toString().isBlank()) {
				quoted = true;
				field.setLength(0);
			}
			else if (ch == ',') {
				fields.add(field.toString().strip());
				field.setLength(0);
			}
			else {
				field.append(ch);
			}
		}
		if (quoted) {
			throw new DatasetException(file + " line " + number + ": a quoted field is not closed;"
				+ " end it with \" (fields cannot span lines).");
		}
		fields.add(field.toString().strip());
		return fields;
	}

	/**
	 * @param field a field value
	 * @return the value, quoted when it holds a comma, a quote or surrounding blanks
	 */
	static String quote(String field) {
		if (field.indexOf('\n') >= 0 || field.indexOf('\r') >= 0) {
			throw new DatasetException("'" + field + "' contains a line break, which a CSV field"
				+ " of this project cannot hold; rename the file.");
		}
		boolean plain = field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.equals(field.strip());
		return plain ? field : '"' + field.replace("\"", "\"\"") + '"';
	}

	/**
	 * @param file the file, for the message
	 * @param line the line
	 * @param expected how many fields the header has
	 */
	static void checkWidth(Path file, Line line, int expected) {
		if (line.fields().size() != expected) {
			throw new DatasetException(file + " line " + line.number() + " has " + line.fields().size()
				+ " fields but the header has " + expected + "; give one value per column.");
		}
	}
}
