package org.csrafiji.checkpoint;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import org.csrafiji.core.CheckpointException;

/**
 * Reads a {@code .safetensors} file: an 8-byte little-endian header length, a JSON header
 * mapping each name to dtype, shape and byte range, then the tensor bytes.
 */
final class SafetensorsReader {

	/**
	 * Headers beyond this are refused rather than parsed: the format allows 100 MB, but a
	 * header takes about 150 bytes per tensor, so 16 MiB describe over 100,000 tensors.
	 */
	static final long MAX_HEADER = 16 << 20;
	/**
	 * Deepest JSON nesting accepted: a header is an object of objects holding arrays (3);
	 * {@code __metadata__} is a flat object of strings. Deeper headers are refused unparsed.
	 */
	static final int MAX_NESTING = 8;

	private SafetensorsReader() {}

	/**
	 * @param channel the open file; the caller closes it
	 * @param source checkpoint name for messages
	 * @return the tensors in header order
	 */
	static StateDict read(FileChannel channel, String source) throws IOException {
		long headerLength = FileReads.read(channel, 0, 8, false, source).getLong(0);
		if (headerLength < 2 || headerLength > MAX_HEADER) {
			throw damaged(source, "its header length " + headerLength + " is impossible");
		}
		long dataStart = 8 + headerLength;
		ByteBuffer headerBytes = FileReads.read(channel, 8, headerLength, false, source);
		JsonObject header = parse(headerBytes, source);
		Map<String, Range> ranges = new LinkedHashMap<>();
		for (Map.Entry<String, JsonElement> e : header.entrySet()) {
			if (e.getKey().equals("__metadata__")) continue;
			ranges.put(e.getKey(), range(e.getKey(), e.getValue(), source));
		}
		checkDisjoint(ranges, channel.size() - dataStart, source);
		Map<String, TensorData> tensors = new LinkedHashMap<>();
		for (Map.Entry<String, Range> e : ranges.entrySet()) {
			Range r = e.getValue();
			tensors.put(e.getKey(), new TensorData(r.dtype(), r.shape(),
				FileReads.read(channel, dataStart + r.begin(), r.end() - r.begin(), true, source)));
		}
		return StateDict.of(source, tensors);
	}

	private static JsonObject parse(ByteBuffer headerBytes, String source) {
		String text = StandardCharsets.UTF_8.decode(headerBytes).toString();
		int depth = nesting(text);
		if (depth > MAX_NESTING) {
			throw new CheckpointException("Safetensors file " + source + " is refused: its header nests"
				+ " JSON " + depth + " levels deep where the format needs 3 (a crafted or damaged"
				+ " file, whose parsing would take memory). Save the weights again with"
				+ " safetensors.torch.save_file.");
		}
		try {
			JsonElement json = JsonParser.parseString(text);
			if (json.isJsonObject()) return json.getAsJsonObject();
		} catch (JsonParseException e) {
			throw new CheckpointException("Safetensors file " + source + " is damaged: its header is"
				+ " not valid JSON (" + e.getMessage() + "). Copy or download it again.", e);
		}
		throw damaged(source, "its header is not a JSON object");
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
			} else if (c == '"') {
				inString = true;
			} else if (c == '[' || c == '{') {
				deepest = Math.max(deepest, ++depth);
			} else if (c == ']' || c == '}') {
				depth--;
			}
		}
		return deepest;
	}

	/** Where one tensor's bytes lie, from the file's data section on. */
	private record Range(String name, DType dtype, long[] shape, long begin, long end) {

		/** @return the name as a one-line message shows it */
		String shown() {
			return MessageText.shorten(name);
		}
	}

	/**
	 * Refuses ranges that share bytes or lie beyond the file before anything is allocated, so
	 * that the tensors together take at most the file's size.
	 */
	private static void checkDisjoint(Map<String, Range> ranges, long dataBytes, String source) {
		List<Range> sorted = new ArrayList<>(ranges.values());
		sorted.sort(Comparator.comparingLong(Range::begin).thenComparingLong(Range::end));
		Range furthest = null; // of the ranges before r, the one that ends last
		for (Range r : sorted) {
			if (r.end() > dataBytes) {
				throw new CheckpointException("Safetensors file " + source + " is truncated or damaged:"
					+ " tensor '" + r.shown() + "' ends at byte " + r.end() + " of a data section of "
					+ dataBytes + " bytes. Copy or download it again.");
			}
			if (furthest != null && r.begin() < furthest.end() && r.end() > r.begin()) {
				throw new CheckpointException("Safetensors file " + source + " is refused: tensors '"
					+ furthest.shown() + "' and '" + r.shown() + "' overlap in the file, which"
					+ " the safetensors format forbids (a crafted or damaged file). Do not use it; save"
					+ " the weights again with safetensors.torch.save_file.");
			}
			if (furthest == null || r.end() > furthest.end()) furthest = r;
		}
	}

	private static Range range(String name, JsonElement description, String source) {
		String shown = MessageText.shorten(name);
		try {
			JsonObject d = description.getAsJsonObject();
			String typeName = d.get("dtype").getAsString();
			DType dtype = DType.ofSafetensorsName(typeName).orElseThrow(() -> new CheckpointException(
				"Tensor '" + shown + "' in " + source + " has dtype " + MessageText.shorten(typeName)
					+ ", which this reader does not support. Convert it to F32, F16 or BF16."));
			JsonArray dims = d.get("shape").getAsJsonArray();
			long[] shape = new long[dims.size()];
			for (int i = 0; i < shape.length; i++) shape[i] = dims.get(i).getAsLong();
			JsonArray offsets = d.get("data_offsets").getAsJsonArray();
			long begin = offsets.get(0).getAsLong();
			long end = offsets.get(1).getAsLong();
			long expected = Shapes.numel(shape) * dtype.size();
			if (begin < 0 || end - begin != expected) {
				throw damaged(source, "tensor '" + shown + "' spans bytes " + begin + " to " + end
					+ " but its shape " + Shapes.format(shape) + " of " + dtype + " needs " + expected);
			}
			return new Range(name, dtype, shape, begin, end);
		} catch (IllegalStateException | IllegalArgumentException | NullPointerException
			| IndexOutOfBoundsException | UnsupportedOperationException | ArithmeticException e)
		{
			throw damaged(source, "the header entry of tensor '" + shown + "' is malformed");
		}
	}

	private static CheckpointException damaged(String source, String what) {
		return new CheckpointException("Safetensors file " + source + " is damaged: " + what
			+ ". Copy or download it again.");
	}
}
