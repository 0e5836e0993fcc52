package org.csrafiji.checkpoint;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;

import org.csrafiji.core.CheckpointException;

/**
 * The JSON header of a safetensors file, read as a stream: only each tensor's dtype, shape
 * and byte range are kept ({@code __metadata__} and unknown fields are skipped), so parsing
 * takes memory for the tensors' descriptions, not for whatever else a header holds. A name
 * given twice is refused (readers differ on which one counts), as is nesting beyond
 * {@link #MAX_NESTING}.
 */
final class SafetensorsHeader {

	/**
	 * Deepest JSON nesting accepted: a header is an object of objects holding arrays (3);
	 * {@code __metadata__} is a flat object of strings. Deeper headers are refused unparsed.
	 */
	static final int MAX_NESTING = 8;
	/** Most dimensions of a tensor. */
	static final int MAX_RANK = 64;

	/**
	 * Where one tensor's bytes lie, from the file's data section on.
	 *
	 * @param name the tensor's name
	 * @param dtype element type
	 * @param shape dimensions
	 * @param begin first byte
	 * @param end byte after the last
	 */
	record Range(String name, DType dtype, long[] shape, long begin, long end) {

		/** @return the name as a one-line message shows it */
		String shown() {
			return MessageText.shorten(name);
		}
	}

	private SafetensorsHeader() {}

	/**
	 * @param headerBytes the header's UTF-8 bytes
	 * @param source file name for messages
	 * @return each tensor's range, in header order
	 */
	static Map<String, Range> parse(ByteBuffer headerBytes, String source) {
		String text = StandardCharsets.UTF_8.decode(headerBytes).toString();
		int depth = nesting(text);
		if (depth > MAX_NESTING) {
			throw new CheckpointException("Safetensors file " + source + " is refused: its header"
				+ " nests JSON " + depth
				+ " levels deep where the format needs 3 (a crafted or damaged"
				+ " file, whose parsing would take memory). Save the weights again with"
				+ " safetensors.torch.save_file.");
		}
		try (JsonReader json = new JsonReader(new StringReader(text))) {
			if (json.peek() != JsonToken.BEGIN_OBJECT) {
				throw damaged(source, "its header is not a JSON object");
			}
			Map<String, Range> ranges = new LinkedHashMap<>();
			json.beginObject();
			while (json.hasNext()) {
				String name = json.nextName();
				if (name.equals("__metadata__")) {
					json.skipValue();
				}
				else if (ranges.containsKey(name)) {
					throw new CheckpointException("Safetensors file " + source + " is refused: its"
						+ " header describes tensor '" + MessageText.shorten(name) + "' twice, and"
						+ " readers differ on which one counts (a crafted or damaged file). Save the"
						+ " weights again with safetensors.torch.save_file.");
				}
				else {
					ranges.put(name, range(name, json, source));
				}
			}
			json.endObject();
			if (json.peek() != JsonToken.END_DOCUMENT) {
				throw damaged(source, "its header goes on after its end");
			}
			return ranges;
		}
		catch (IOException | IllegalStateException e) {
			throw new CheckpointException(
				"Safetensors file " + source + " is damaged: its header is"
					+ " not valid JSON (" + MessageText.shorten(e.getMessage())
					+ "). Copy or download it"
					+ " again.",
				e);
		}
	}

	private static Range range(String name, JsonReader json, String source) throws IOException {
		String shown = MessageText.shorten(name);
		String typeName = null;
		long[] shape = null;
		long[] offsets = null;
		try {
			json.beginObject();
			while (json.hasNext()) {
				switch (json.nextName()) {
					case "dtype" -> typeName = json.nextString();
					case "shape" -> shape = longs(json, MAX_RANK);
					case "data_offsets" -> offsets = longs(json, 2);
					default -> json.skipValue();
				}
			}
			json.endObject();
		}
		catch (IllegalStateException | NumberFormatException e) {
			throw damaged(source, "the header entry of tensor '" + shown + "' is malformed");
		}
		if (typeName == null || shape == null || offsets == null || offsets.length != 2) {
			throw damaged(source, "the header entry of tensor '" + shown + "' is malformed");
		}
		String type = typeName;
		DType dtype = DType.ofSafetensorsName(type).orElseThrow(() -> new CheckpointException(
			"Tensor '" + shown + "' in " + source + " has dtype " + MessageText.shorten(type)
				+ ", which this reader does not support. Convert it to F32, F16 or BF16."));
		long begin = offsets[0];
		long end = offsets[1];
		long expected;
		try {
			expected = Math.multiplyExact(Shapes.numel(shape), dtype.size());
		}
		catch (ArithmeticException | IllegalArgumentException e) {
			throw damaged(source, "the header entry of tensor '" + shown + "' is malformed");
		}
		if (begin < 0 || end - begin != expected) {
			throw damaged(source, "tensor '" + shown + "' spans bytes " + begin + " to " + end
				+ " but its shape " + Shapes.format(shape) + " of " + dtype + " needs " + expected);
		}
		return new Range(name, dtype, shape, begin, end);
	}

	private static long[] longs(JsonReader json, int most) throws IOException {
		List<Long> values = new ArrayList<>();
		json.beginArray();
		while (json.hasNext()) {
			if (values.size() == most)
				throw new IllegalStateException("more than " + most + " values");
			values.add(json.nextLong());
		}
		json.endArray();
		return values.stream().mapToLong(Long::longValue).toArray();
	}

	/** @return the deepest nesting of JSON arrays and objects, strings skipped */
	private static int nesting(String json) {
		int depth = 0;
		int deepest = 0;
		boolean inString = false;
		for (int i = 0; i < json.length(); i++) {
			char c = json.charAt(i);
			if (inString) {
				if (c == '\\') i++;
				else if (c == '"') inString = false;
			}
			else if (c == '"') {
				inString = true;
			}
			else if (c == '[' || c == '{') {
				deepest = Math.max(deepest, ++depth);
			}
			else if (c == ']' || c == '}') {
				depth--;
			}
		}
		return deepest;
	}

	/**
	 * @param source file name
	 * @param what what is wrong
	 * @return the error for a damaged safetensors file
	 */
	static CheckpointException damaged(String source, String what) {
		return new CheckpointException("Safetensors file " + source + " is damaged: " + what
			+ ". Copy or download it again.");
	}
}
