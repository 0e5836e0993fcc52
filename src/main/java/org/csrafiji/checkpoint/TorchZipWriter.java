package org.csrafiji.checkpoint;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Writes a zip archive the way PyTorch's serializer does: every entry stored uncompressed,
 * its data aligned to 64 bytes by an "FB" padding field in the local header, sizes in a data
 * descriptor, and ZIP64 end records.
 */
final class TorchZipWriter {

	private static final int ALIGNMENT = 64;
	private static final int FLAGS = 0x0808; // data descriptor follows; names are UTF-8
	private static final long MAX32 = 0xffffffffL;

	/** What the central directory needs to know about a written entry. */
	private record Written(byte[] name, long crc, long size, long offset) {}

	private final FileChannel channel;
	private final List<Written> written = new ArrayList<>();

	/** @param channel an empty file open for writing, at position 0 */
	TorchZipWriter(FileChannel channel) {
		this.channel = channel;
	}

	/**
	 * @param name the entry's full path inside the archive
	 * @param data the bytes from position to limit; the buffer itself is not changed
	 */
	void add(String name, ByteBuffer data) throws IOException {
		byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
		long offset = channel.position();
		long start = offset + 30 + nameBytes.length + 4;
		int padding = (int) ((ALIGNMENT - start % ALIGNMENT) % ALIGNMENT);
		ByteBuffer header = le(30 + nameBytes.length + 4 + padding);
		header.putInt(0x04034b50).putShort((short) 0).putShort((short) FLAGS).putShort((short) 0)
			.putInt(0).putInt(0).putInt(0).putInt(0) // time and date, crc, sizes: in the descriptor
			.putShort((short) nameBytes.length).putShort((short) (4 + padding)).put(nameBytes)
			.putShort((short) 0x4246).putShort((short) padding); // "FB" padding field
		for (int i = 0; i < padding; i++)
			header.put((byte) 'Z');
		writeAll(header.flip());
		CRC32 crc = new CRC32();
		crc.update(data.duplicate());
		long size = data.remaining();
		writeAll(data.duplicate());
		ByteBuffer descriptor = le(16).putInt(0x08074b50).putInt((int) crc.getValue())
			.putInt((int) size).putInt((int) size);
		writeAll(descriptor.flip());
		written.add(new Written(nameBytes, crc.getValue(), size, offset));
	}

	/** Writes the central directory and the end records. */
	void finish() throws IOException {
		long directoryStart = channel.position();
		for (Written w : written) {
			boolean far = w.offset() >= MAX32;
			ByteBuffer entry = le(46 + w.name().length + (far ? 12 : 0));
			entry.putInt(0x02014b50).putShort((short) 0).putShort((short) (far ? 45 : 0))
				.putShort((short) FLAGS).putShort((short) 0).putInt(0).putInt((int) w.crc())
				.putInt((int) w.size()).putInt((int) w.size()).putShort((short) w.name().length)
				.putShort((short) (far ? 12 : 0)).putShort((short) 0).putShort((short) 0)
				.putShort((short) 0).putInt(0).putInt((int) (far ? MAX32 : w.offset()))
				.put(w.name());
			if (far) entry.putShort((short) 1).putShort((short) 8).putLong(w.offset());
			writeAll(entry.flip());
		}
		long directoryEnd = channel.position();
		long directorySize = directoryEnd - directoryStart;
		long count = written.size();
		ByteBuffer end = le(56 + 20 + 22);
		end.putInt(0x06064b50).putLong(44).putShort((short) 0x031e).putShort((short) 45).putInt(0)
			.putInt(0).putLong(count).putLong(count).putLong(directorySize).putLong(directoryStart);
		end.putInt(0x07064b50).putInt(0).putLong(directoryEnd).putInt(1);
		end.putInt(0x06054b50).putShort((short) 0).putShort((short) 0)
			.putShort((short) Math.min(count, 0xffff)).putShort((short) Math.min(count, 0xffff))
			.putInt((int) Math.min(directorySize, MAX32))
			.putInt((int) Math.min(directoryStart, MAX32))
			.putShort((short) 0);
		writeAll(end.flip());
	}

	private void writeAll(ByteBuffer b) throws IOException {
		while (b.hasRemaining())
			channel.write(b);
	}

	private static ByteBuffer le(int size) {
		return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
	}
}
