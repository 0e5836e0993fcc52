package org.csrafiji.checkpoint;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Writes zip archives byte by byte, including ones no zip library would write: duplicate
 * names, entries that share bytes, sizes that lie. Stored or deflated entries.
 */
final class ZipBytes {

	/** One central directory record; fields may be edited before {@link #bytes()}. */
	static final class Entry {

		String name;
		int method;
		long crc;
		long compressedSize;
		long size;
		long offset;
	}

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();
	private final List<Entry> entries = new ArrayList<>();

	/** Adds a stored entry. */
	Entry stored(String name, byte[] data) {
		return add(name, 0, data, data);
	}

	/** Adds a deflated entry. */
	Entry deflated(String name, byte[] data) {
		Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
		deflater.setInput(data);
		deflater.finish();
		ByteArrayOutputStream packed = new ByteArrayOutputStream();
		byte[] chunk = new byte[65536];
		while (!deflater.finished())
			packed.write(chunk, 0, deflater.deflate(chunk));
		deflater.end();
		return add(name, 8, data, packed.toByteArray());
	}

	/** Adds a directory record for bytes already written (an entry that overlaps another). */
	Entry alias(String name, Entry of) {
		Entry e = new Entry();
		e.name = name;
		e.method = of.method;
		e.crc = of.crc;
		e.compressedSize = of.compressedSize;
		e.size = of.size;
		e.offset = of.offset;
		entries.add(e);
		return e;
	}

	private Entry add(String name, int method, byte[] data, byte[] written) {
		CRC32 crc = new CRC32();
		crc.update(data);
		Entry e = new Entry();
		e.name = name;
		e.method = method;
		e.crc = crc.getValue();
		e.compressedSize = written.length;
		e.size = data.length;
		e.offset = out.size();
		byte[] n = name.getBytes(StandardCharsets.UTF_8);
		ByteBuffer h = le(30 + n.length).putInt(0x04034b50).putShort((short) 20).putShort((short) 0)
			.putShort((short) method).putInt(0).putInt((int) e.crc).putInt(written.length)
			.putInt(data.length).putShort((short) n.length).putShort((short) 0).put(n);
		out.writeBytes(h.array());
		out.writeBytes(written);
		entries.add(e);
		return e;
	}

	/** @return the archive: the entries, the central directory and its end record */
	byte[] bytes() {
		ByteArrayOutputStream all = new ByteArrayOutputStream();
		all.writeBytes(out.toByteArray());
		long start = all.size();
		for (Entry e : entries) {
			byte[] n = e.name.getBytes(StandardCharsets.UTF_8);
			ByteBuffer c = le(46 + n.length).putInt(0x02014b50).putShort((short) 20)
				.putShort((short) 20).putShort((short) 0).putShort((short) e.method).putInt(0)
				.putInt((int) e.crc).putInt((int) e.compressedSize).putInt((int) e.size)
				.putShort((short) n.length).putShort((short) 0).putShort((short) 0)
				.putShort((short) 0)
				.putShort((short) 0).putInt(0).putInt((int) e.offset).put(n);
			all.writeBytes(c.array());
		}
		long size = all.size() - start;
		ByteBuffer end = le(22).putInt(0x06054b50).putShort((short) 0).putShort((short) 0)
			.putShort((short) entries.size()).putShort((short) entries.size()).putInt((int) size)
			.putInt((int) start).putShort((short) 0);
		all.writeBytes(end.array());
		return all.toByteArray();
	}

	private static ByteBuffer le(int n) {
		return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
	}
}
