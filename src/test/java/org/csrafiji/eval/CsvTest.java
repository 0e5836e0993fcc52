package org.csrafiji.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.csrafiji.core.DatasetException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The project's CSV dialect: exact round trips of any text, and cells no spreadsheet runs. */
class CsvTest {

	@TempDir
	Path dir;

	/** Values that break naive CSV writers or that spreadsheets run as formulas. */
	static final List<String> HOSTILE = List.of("=cmd|' /C calc'!A0", "+SUM(1,2)", "-2+3",
		"@SUM(A1)",
		"\tleading tab", "\rleading CR", "line\nbreak", "crlf\r\ninside", "lone\rCR", "'=already",
		"''-two",
		"'plain apostrophe", " spaced ", "", "say \"hi\"", "a,b", "ünïcödé ✓", "-0.5", "1e-7",
		"#hash",
		"=", "'", "trailing\n");

	private List<List<String>> readAll(Path file) {
		List<List<String>> rows = new ArrayList<>();
		try (CsvReader in = CsvReader.open(file)) {
			for (CsvReader.Record r; (r = in.next()) != null;) {
				assertEquals(CsvReader.End.LINE_BREAK, r.ending());
				rows.add(r.fields());
			}
		}
		return rows;
	}

	@Test
	void everyValueReadsBackExactly() throws IOException {
		StringBuilder text = new StringBuilder();
		for (String v : HOSTILE) {
			text.append(Csv.row(List.of(v, v + "x", "0.25"))).append('\n');
		}
		Path file = Files.writeString(dir.resolve("t.csv"), text);
		List<List<String>> rows = readAll(file);
		assertEquals(HOSTILE.size(), rows.size());
		for (int i = 0; i < HOSTILE.size(); i++) {
			assertEquals(List.of(HOSTILE.get(i), HOSTILE.get(i) + "x", "0.25"), rows.get(i));
		}
	}

	@Test
	void noWrittenCellStartsAFormula() {
		for (String v : HOSTILE) {
			String cell = Csv.field(v);
			String content = cell.startsWith("\"") ? cell.substring(1) : cell;
			boolean number = v.matches("[+-]?[0-9.]+([eE][+-]?[0-9]+)?");
			assertTrue(number || content.isEmpty() || "=+-@\t\r".indexOf(content.charAt(0)) < 0,
				"cell " + cell + " of " + v);
		}
		assertEquals("'=cmd", Csv.field("=cmd"));
		assertEquals("\"'=a,b\"", Csv.field("=a,b"));
		assertEquals("-0.5", Csv.field("-0.5"));
	}

	@Test
	void readsWhatOtherProgramsWrite() throws IOException {
		Path file = dir.resolve("o.csv");
		try (OutputStream out = Files.newOutputStream(file)) {
			out.write(new byte[]{(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
			out.write("image, a ,\"b\"\r\n\r\n  \"x, y\"  ,1,\rz.png,2,3"
				.getBytes(StandardCharsets.UTF_8));
		}
		try (CsvReader in = CsvReader.open(file)) {
			CsvReader.Record header = in.next();
			assertEquals(List.of("image", "a", "b"), header.fields());
			CsvReader.Record second = in.next();
			assertEquals(List.of("x, y", "1", ""), second.fields());
			assertEquals(3, second.line());
			CsvReader.Record last = in.next();
			assertEquals(List.of("z.png", "2", "3"), last.fields());
			assertEquals(CsvReader.End.END_OF_FILE, last.ending());
			assertEquals(Files.size(file), last.end());
			assertNull(in.next());
		}
	}

	@Test
	void anUnclosedQuoteIsSeenAndNamed() throws IOException {
		Path file = Files.writeString(dir.resolve("q.csv"), "image,a\n\"cut\nname,0.1");
		try (CsvReader in = CsvReader.open(file)) {
			in.next();
			CsvReader.Record cut = in.next();
			assertEquals(CsvReader.End.OPEN_QUOTE, cut.ending());
			assertEquals(8, cut.start());
			DatasetException e = assertThrows(DatasetException.class,
				() -> in.requireComplete(cut));
			assertTrue(e.getMessage().contains("line 2") && e.getMessage().contains("not closed"), e
				.getMessage());
		}
	}

	@Test
	void aRecordLongerThanTheBoundIsRefusedNotBuffered() throws IOException {
		Path file = dir.resolve("long.csv");
		byte[] chunk = new byte[1 << 20];
		java.util.Arrays.fill(chunk, (byte) 'x');
		try (OutputStream out = Files.newOutputStream(file)) {
			out.write('"');
			for (int i = 0; i <= CsvReader.MAX_RECORD_BYTES >> 20; i++) {
				out.write(chunk);
			}
		}
		try (CsvReader in = CsvReader.open(file)) {
			DatasetException e = assertThrows(DatasetException.class, in::next);
			assertTrue(e.getMessage().contains("longer than 16 MiB"), e.getMessage());
		}
	}
}
