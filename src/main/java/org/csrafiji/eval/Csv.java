package org.csrafiji.eval;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.csrafiji.core.DatasetException;

/**
 * The CSV dialect every file of this project is written in, and read back exactly: RFC 4180
 * (comma-separated, UTF-8, a field in double quotes when it holds a comma, a quote, a line
 * break or surrounding blanks, {@code ""} for a quote inside). A text cell that a spreadsheet
 * would run as a formula (one starting with {@code = + - @}, a tab or a carriage return, as
 * OWASP's CSV-injection guidance lists them) is written with a leading apostrophe, so that a
 * spreadsheet shows it as text; {@link CsvReader} removes that apostrophe again. To keep this
 * reversible a value that already starts with apostrophes followed by one of those characters
 * gets one more. Plain numbers ({@code -0.5}, {@code 1e-7}) are not formulas and are written
 * as they are.
 */
public final class Csv {

	/** One or more apostrophes, then a character a spreadsheet starts a formula with. */
	private static final Pattern ESCAPED = Pattern.compile("'+[=+\\-@\t\r].*", Pattern.DOTALL);

	/** Apostrophes (maybe none), then a character a spreadsheet starts a formula with. */
	private static final Pattern NEEDS_ESCAPE = Pattern.compile("'*[=+\\-@\t\r].*", Pattern.DOTALL);

	private static final Pattern NUMBER = Pattern.compile(
		"[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

	/**
	 * One non-blank record.
	 *
	 * @param number line number in the file where the record starts, from 1
	 * @param fields the fields, unquoted, unescaped, unquoted fields stripped of surrounding
	 *        blanks
	 */
	record Line(long number, List<String> fields) {}

	private Csv() {}

	/**
	 * @param value a cell's value
	 * @return the cell as written: escaped when a spreadsheet would run it, quoted when needed
	 */
	public static String field(String value) {
		String v = value == null ? "" : value;
		if (NEEDS_ESCAPE.matcher(v).matches() && !NUMBER.matcher(v).matches()) {
			v = "'" + v;
		}
		boolean quote = v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0
			|| v.indexOf('\r') >= 0 || !v.equals(v.strip());
		return quote ? '"' + v.replace("\"", "\"\"") + '"' : v;
	}

	/**
	 * @param values the cells of one record
	 * @return the record as written, without line break
	 */
	public static String row(List<String> values) {
		StringBuilder sb = new StringBuilder();
		for (int i = 0; i < values.size(); i++) {
			sb.append(i == 0 ? "" : ",").append(field(values.get(i)));
		}
		return sb.toString();
	}

	/**
	 * @param cell a cell as read, unquoted
	 * @return its value: one apostrophe fewer when {@link #field} added one
	 */
	static String unescape(String cell) {
		return ESCAPED.matcher(cell).matches() ? cell.substring(1) : cell;
	}

	/**
	 * @param file the file
	 * @return its non-blank records; for small files (labels), never for outputs that grow
	 */
	static List<Line> read(Path file) {
		InputFiles.requireFile(file, "The CSV file");
		try (CsvReader in = CsvReader.open(file)) {
			List<Line> lines = new ArrayList<>();
			for (CsvReader.Record r; (r = in.next()) != null;) {
				lines.add(new Line(r.line(), in.requireComplete(r).fields()));
			}
			if (lines.isEmpty()) {
				throw new DatasetException(
					file + " is empty; it needs a header line and one line per image.");
			}
			return lines;
		}
	}

	/**
	 * @param file the file, for the message
	 * @param line the line
	 * @param expected how many fields the header has
	 */
	static void checkWidth(Path file, Line line, int expected) {
		if (line.fields().size() != expected) {
			throw new DatasetException(
				file + " line " + line.number() + " has " + line.fields().size()
					+ " fields but the header has " + expected + "; give one value per column.");
		}
	}
}
