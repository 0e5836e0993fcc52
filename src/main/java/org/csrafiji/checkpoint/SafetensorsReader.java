package org.csrafiji.checkpoint;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.csrafiji.checkpoint.SafetensorsHeader.Range;
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

	private SafetensorsReader() {}

	/**
	 * @param channel the open file; the caller closes it
	 * @param source checkpoint name for messages
	 * @return the tensors in header order
	 */
	static StateDict read(FileChannel channel, String source) throws IOException {
		long headerLength = FileReads.read(channel, 0, 8, false, source).getLong(0);
		if (headerLength < 2 || headerLength > MAX_HEADER) {
			throw SafetensorsHeader.damaged(source,
				"its header length " + headerLength + " is impossible");
		}
		long dataStart = 8 + headerLength;
		ByteBuffer headerBytes = FileReads.read(channel, 8, headerLength, false, source);
		Map<String, Range> ranges = SafetensorsHeader.parse(headerBytes, source);
		checkDisjoint(ranges, channel.size() - dataStart, source);
		Map<String, TensorData> tensors = new LinkedHashMap<>();
		for (Map.Entry<String, Range> e : ranges.entrySet()) {
			Range r = e.getValue();
			tensors.put(e.getKey(), new TensorData(r.dtype(), r.shape(),
				FileReads.read(channel, dataStart + r.begin(), r.end() - r.begin(), true, source)));
		}
		return StateDict.of(source, tensors);
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
				throw new CheckpointException(
					"Safetensors file " + source + " is truncated or damaged:"
						+ " tensor '" + r.shown() + "' ends at byte " + r.end()
						+ " of a data section of "
						+ dataBytes + " bytes. Copy or download it again.");
			}
			if (furthest != null && r.begin() < furthest.end() && r.end() > r.begin()) {
				throw new CheckpointException("Safetensors file " + source
					+ " is refused: tensors '"
					+ furthest.shown() + "' and '" + r.shown() + "' overlap in the file, which"
					+ " the safetensors format forbids (a crafted or damaged file). Do not use it; save"
					+ " the weights again with safetensors.torch.save_file.");
			}
			if (furthest == null || r.end() > furthest.end()) furthest = r;
		}
	}
}
