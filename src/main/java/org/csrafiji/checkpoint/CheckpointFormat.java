package org.csrafiji.checkpoint;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** What a file's first bytes say it is. */
enum CheckpointFormat {

	/** A zip archive, as torch.save writes since PyTorch 1.6. */
	TORCH_ZIP,
	/** A safetensors file: 8-byte header length, then a JSON object. */
	SAFETENSORS,
	/** The pickle stream torch.save wrote before 1.6, starting with its magic number. */
	LEGACY_TORCH,
	/** Some other pickle. */
	PLAIN_PICKLE,
	/** Anything else. */
	UNKNOWN;

	/** LONG1 of torch's legacy magic number 0x1950a86a20f9469cfc6c, after PROTO 2. */
	private static final byte[] LEGACY_MAGIC = {(byte) 0x80, 0x02, (byte) 0x8a, 0x0a, 0x6c,
		(byte) 0xfc, (byte) 0x9c, 0x46, (byte) 0xf9, 0x20, 0x6a, (byte) 0xa8, 0x50, 0x19};

	/**
	 * @param head the file's first bytes (up to 16)
	 * @param size the file's size
	 * @return the format
	 */
	static CheckpointFormat detect(ByteBuffer head, long size) {
		ByteBuffer h = head.duplicate().order(ByteOrder.LITTLE_ENDIAN);
		int n = h.remaining();
		if (n >= 4 && h.getInt(0) == 0x04034b50) return TORCH_ZIP; // "PK\3\4"
		if (n >= 4 && h.getInt(0) == 0x06054b50) return TORCH_ZIP; // an empty zip
		if (startsWith(h, LEGACY_MAGIC)) return LEGACY_TORCH;
		if (n >= 2 && (h.get(0) & 0xff) == 0x80 && h.get(1) >= 0 && h.get(1) <= 5)
			return PLAIN_PICKLE;
		if (n >= 9) {
			long headerLength = h.getLong(0);
			if (headerLength >= 2 && headerLength <= size - 8 && h.get(8) == '{')
				return SAFETENSORS;
		}
		return UNKNOWN;
	}

	private static boolean startsWith(ByteBuffer h, byte[] prefix) {
		if (h.remaining() < prefix.length) return false;
		for (int i = 0; i < prefix.length; i++) {
			if (h.get(i) != prefix[i]) return false;
		}
		return true;
	}
}
