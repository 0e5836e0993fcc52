package org.csrafiji.eval;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.csrafiji.core.DatasetException;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;

/**
 * The wanted fields of one JSON object in a large array, read one object at a time, with typed
 * getters whose errors name the file and the line where the object starts.
 *
 * @param file the file, for messages
 * @param line where the object starts
 * @param values the wanted fields present in the object
 */
record JsonFields(Path file, int line, Map<String, JsonElement> values) {

	/** Receives each object of an array. */
	@FunctionalInterface
	interface Visitor {

		void visit(JsonFields fields) throws IOException;
	}

	/**
	 * Reads an array of objects, keeping only the wanted fields of each (others are skipped
	 * without being held in memory).
	 *
	 * @param file the file, for messages
	 * @param reader positioned at the array
	 * @param what what the array holds, for messages, e.g. "annotations"
	 * @param wanted the field names to keep
	 * @param visitor called once per object, in order
	 */
	static void forEachObject(Path file, JsonReader reader, String what, Set<String> wanted,
		Visitor visitor) throws IOException
	{
		if (reader.peek() != JsonToken.BEGIN_ARRAY) {
			throw JsonFiles.error(file, reader, "\"" + what + "\" must be a list of objects, found "
				+ reader.peek() + ".");
		}
		reader.beginArray();
		while (reader.hasNext()) {
			if (reader.peek() != JsonToken.BEGIN_OBJECT) {
				throw JsonFiles.error(file, reader,
					"each entry of \"" + what + "\" must be an object, found "
						+ reader.peek() + ".");
			}
			reader.beginObject();
			int line = JsonFiles.line(reader);
			Map<String, JsonElement> values = new TreeMap<>();
			while (reader.hasNext()) {
				String name = reader.nextName();
				if (wanted.contains(name)) {
					values.put(name, JsonParser.parseReader(reader));
				}
				else {
					reader.skipValue();
				}
			}
			reader.endObject();
			visitor.visit(new JsonFields(file, line, values));
		}
		reader.endArray();
	}

	/**
	 * @param problem what is wrong and what to do
	 * @return an exception naming the file and line
	 */
	DatasetException error(String problem) {
		return new DatasetException(file + " line " + line + ": " + problem);
	}

	/**
	 * @param name a field
	 * @return its value
	 */
	JsonElement required(String name) {
		JsonElement value = values.get(name);
		if (value == null || value.isJsonNull()) {
			throw error("the entry lacks \"" + name + "\"; every entry needs it.");
		}
		return value;
	}

	/**
	 * @param name a field
	 * @return its string value
	 */
	String string(String name) {
		JsonElement value = required(name);
		if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isString()) {
			throw error("\"" + name + "\" must be a string, found " + value + ".");
		}
		return value.getAsString();
	}

	/**
	 * @param name a field
	 * @return its whole-number value
	 */
	long integer(String name) {
		double v = number(required(name), name);
		if (v != Math.rint(v) || Math.abs(v) > 1L << 53) {
			throw error("\"" + name + "\" must be a whole number, found " + v + ".");
		}
		return (long) v;
	}

	/**
	 * @param name a field
	 * @return its numbers, or null when the field is absent
	 */
	double[] numbersOrNull(String name) {
		JsonElement value = values.get(name);
		if (value == null || value.isJsonNull()) {
			return null;
		}
		if (!value.isJsonArray()) {
			throw error("\"" + name + "\" must be a list of numbers, found " + value + ".");
		}
		JsonArray array = value.getAsJsonArray();
		double[] out = new double[array.size()];
		for (int i = 0; i < out.length; i++) {
			out[i] = number(array.get(i), name);
		}
		return out;
	}

	private double number(JsonElement value, String name) {
		if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isNumber()) {
			throw error("\"" + name + "\" must hold numbers, found " + value + ".");
		}
		return value.getAsDouble();
	}
}
