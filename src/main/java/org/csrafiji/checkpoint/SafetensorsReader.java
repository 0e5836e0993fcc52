package org.csrafiji.checkpoint;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
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

	/** Headers beyond this are refused rather than parsed (the format's own limit). */
	static final long MAX_HEADER = 100_000_000L;

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
		Map<String, TensorData> tensors = new LinkedHashMap<>();
		for (Map.Entry<String, JsonElement> e : header.entrySet()) {
			if (e.getKey().equals("__metadata__")) continue;
			tensors.put(e.getKey(), readTensor(channel, dataStart, e.getKey(), e.getValue(), source));
		}
		return StateDict.of(source, tensors);
	}

	private static JsonObject parse(ByteBuffer headerBytes, String source) {
		String text = StandardCharsets.UTF_8.decode(headerBytes).toString();
		try {
			JsonElement json = JsonParser.parseString(text);
			if (json.isJsonObject()) return json.getAsJsonObject();
		} catch (JsonParseException e) {
			throw new CheckpointException("Safetensors file " + source + " is damaged: its header is"
				+ " not valid JSON (" + e.getMessage() + "). Copy or download it again.", e);
		}
		throw damaged(source, "its header is not a JSON object");
	}

	private static TensorData readTensor(FileChannel channel, long dataStart, String name,
		JsonElement description, String source) throws IOException
	{
		try {
			JsonObject d = description.getAsJsonObject();
			String typeName = d.get("dtype").getAsString();
			DType dtype = DType.ofSafetensorsName(typeName).orElseThrow(() -> new CheckpointException(
				"Tensor '" + name + "' in " + source + " has dtype " + typeName + ", which this reader"
					+ " does not support. Convert it to F32, F16 or BF16."));
			JsonArray dims = d.get("shape").getAsJsonArray();
			long[] shape = new long[dims.size()];
			for (int i = 0; i < shape.length; i++) shape[i] = dims.get(i).getAsLong();
			JsonArray offsets = d.get("data_offsets").getAsJsonArray();
			long begin = offsets.get(0).getAsLong();
			long end = offsets.get(1).getAsLong();
			long expected = Shapes.numel(shape) * dtype.size();
			if (begin < 0 || end - begin != expected) {
				throw damaged(source, "tensor '" + name + "' spans bytes " + begin + " to " + end
					+ " but its shape " + Shapes.format(shape) + " of " + dtype + " needs " + expected);
			}
			return new TensorData(dtype, shape,
				FileReads.read(channel, dataStart + begin, expected, true, source));
		} catch (IllegalStateException | IllegalArgumentException | NullPointerException
			| IndexOutOfBoundsException | UnsupportedOperationException | ArithmeticException e)
		{
			throw damaged(source, "the header entry of tensor '" + name + "' is malformed");
		}
	}

	private static CheckpointException damaged(String source, String what) {
		return new CheckpointException("Safetensors file " + source + " is damaged: " + what
			+ ". Copy or download it again.");
	}
}
