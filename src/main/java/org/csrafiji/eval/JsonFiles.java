package org.csrafiji.eval;

import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.csrafiji.core.DatasetException;

import com.google.gson.JsonParseException;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.MalformedJsonException;

/** Streaming access to large JSON label files, with errors that name the file and line. */
final class JsonFiles {

	/** Reads one JSON document from a stream reader; may throw {@link IOException}. */
	@FunctionalInterface
	interface Parser<T> {

		T parse(JsonReader reader) throws IOException;
	}

	private static final Pattern LOCATION = Pattern
		.compile("line (\\d+) column (\\d+) path (\\S+)");

	private JsonFiles() {}

	/**
	 * @param file the JSON file
	 * @param parser what to read from it
	 * @return what the parser returned
	 */
	static <T> T parse(Path file, Parser<T> parser) {
		InputFiles.requireFile(file, "The JSON file");
		try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
			JsonReader reader = new JsonReader(in))
		{
			return parser.parse(reader);
		}
		catch (DatasetException e) {
			throw e;
		}
		catch (JsonParseException e) {
			throw failure(file, e.getCause() != null ? e.getCause() : e);
		}
		catch (IOException | IllegalStateException | NumberFormatException e) {
			throw failure(file, e);
		}
	}

	private static DatasetException failure(Path file, Throwable e) {
		String message = String.valueOf(e.getMessage());
		Matcher m = LOCATION.matcher(message);
		boolean located = m.find();
		String where = located ? " line " + m.group(1) + " column " + m.group(2) : "";
		String what = e instanceof MalformedJsonException
			? "malformed JSON"
			: e instanceof EOFException
				? "the file ends too early"
				: located ? message.substring(0, m.start()).replaceAll("\\s*at\\s*$", "") : message;
		return new DatasetException(file + where + ": " + what + "; check that the file is complete"
			+ " and is the kind of label file it claims to be.", e);
	}

	/**
	 * @param file the file, for the message
	 * @param reader the reader, positioned where the problem is
	 * @param problem what is wrong and what to do
	 * @return an exception naming the file, line and JSON path
	 */
	static DatasetException error(Path file, JsonReader reader, String problem) {
		return new DatasetException(file + " " + where(reader) + ": " + problem);
	}

	/**
	 * @param reader a reader
	 * @return "line L (path)" of its position
	 */
	private static String where(JsonReader reader) {
		Matcher m = LOCATION.matcher(reader.toString());
		return m.find()
			? "line " + m.group(1) + " (" + m.group(3).replaceAll("\\.$", "") + ")"
			: "at " + reader.getPath();
	}

	/**
	 * @param reader a reader
	 * @return the line of its position, or -1 when unknown
	 */
	static int line(JsonReader reader) {
		Matcher m = LOCATION.matcher(reader.toString());
		return m.find() ? Integer.parseInt(m.group(1)) : -1;
	}

	/**
	 * @param file the file
	 * @return the first non-blank character, or -1 when there is none
	 */
	static int firstCharacter(Path file) {
		InputFiles.requireFile(file, "The JSON file");
		try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			int ch;
			while ((ch = in.read()) >= 0) {
				if (!Character.isWhitespace(ch) && ch != '\uFEFF') {
					return ch;
				}
			}
			return -1;
		}
		catch (IOException e) {
			throw new DatasetException("Cannot read " + file + ": " + e.getMessage()
				+ "; check that the file exists and is UTF-8 JSON.", e);
		}
	}
}
