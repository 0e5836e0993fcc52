package org.csrafiji.checkpoint;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

import org.csrafiji.core.CheckpointException;

/**
 * Reads a zip archive's central directory (ZIP64 included) and the entries themselves with
 * positional reads, so that each stored entry goes straight from the file into its own
 * buffer. Every entry read is checked against its CRC-32.
 */
final class ZipArchive {

	private static final int EOCD = 0x06054b50;
	private static final int ZIP64_LOCATOR = 0x07064b50;
	private static final int ZIP64_EOCD = 0x06064b50;
	private static final int CENTRAL = 0x02014b50;
	private static final int LOCAL = 0x04034b50;
	private static final int EOCD_SIZE = 22;
	private static final int MAX_COMMENT = 0xffff;

	private final FileChannel channel;
	private final String source;
	private final Map<String, ZipEntryInfo> entries;

	private ZipArchive(FileChannel channel, String source, Map<String, ZipEntryInfo> entries) {
		this.channel = channel;
		this.source = source;
		this.entries = entries;
	}

	/**
	 * @param channel an open zip file; the caller closes it
	 * @param source checkpoint name for messages
	 * @return the archive's directory
	 */
	static ZipArchive open(FileChannel channel, String source) throws IOException {
		long size = channel.size();
		int tailLength = (int) Math.min(size, EOCD_SIZE + MAX_COMMENT + 20L + 56L);
		ByteBuffer tail = FileReads.read(channel, size - tailLength, tailLength, false, source);
		int eocd = findEndRecord(tail);
		if (eocd < 0) {
			throw new CheckpointException("Checkpoint " + source + " is truncated or damaged: it"
				+ " starts like a zip archive but the directory at its end is missing (the file has "
				+ size + " bytes). Copy or download it again.");
		}
		long count = tail.getShort(eocd + 10) & 0xffff;
		long directorySize = tail.getInt(eocd + 12) & 0xffffffffL;
		long directoryOffset = tail.getInt(eocd + 16) & 0xffffffffL;
		int locator = eocd - 20;
		if (locator >= 0 && tail.getInt(locator) == ZIP64_LOCATOR) {
			long zip64At = tail.getLong(locator + 8);
			ByteBuffer z = FileReads.read(channel, zip64At, 56, false, source);
			if (z.getInt(0) != ZIP64_EOCD) throw damaged(source, "its ZIP64 directory record is missing");
			count = z.getLong(32);
			directorySize = z.getLong(40);
			directoryOffset = z.getLong(48);
		}
		if (count < 0 || directorySize < 0 || directoryOffset < 0
			|| directoryOffset + directorySize > size) {
			throw FileReads.truncated(source, size, directoryOffset + directorySize);
		}
		ByteBuffer directory = FileReads.read(channel, directoryOffset, directorySize, false, source);
		return new ZipArchive(channel, source, readDirectory(directory, count, source));
	}

	/** @return the entries by name, in directory order */
	Map<String, ZipEntryInfo> entries() {
		return Collections.unmodifiableMap(entries);
	}

	/**
	 * Reads one entry, uncompressed and checked against its CRC-32.
	 *
	 * @param entry an entry of this archive
	 * @param direct whether to read into a direct buffer
	 * @return the entry's bytes, little-endian order, position 0
	 */
	ByteBuffer read(ZipEntryInfo entry, boolean direct) throws IOException {
		ByteBuffer local = FileReads.read(channel, entry.localHeaderOffset(), 30, false, source);
		if (local.getInt(0) != LOCAL) throw damaged(source, "entry " + entry.name() + " has no header");
		long dataAt = entry.localHeaderOffset() + 30 + (local.getShort(26) & 0xffff)
			+ (local.getShort(28) & 0xffff);
		ByteBuffer bytes = switch (entry.method()) {
			case 0 -> FileReads.read(channel, dataAt, entry.size(), direct, source);
			case 8 -> inflate(FileReads.read(channel, dataAt, entry.compressedSize(), false, source),
				entry, direct);
			default -> throw new CheckpointException("Checkpoint " + source + " compresses entry "
				+ entry.name() + " with zip method " + entry.method() + ", which this reader does not"
				+ " support. Save it again with torch.save, which stores entries uncompressed.");
		};
		CRC32 crc = new CRC32();
		crc.update(bytes.duplicate());
		if (crc.getValue() != entry.crc()) {
			throw damaged(source, "entry " + entry.name() + " fails its checksum");
		}
		return bytes;
	}

	private ByteBuffer inflate(ByteBuffer compressed, ZipEntryInfo entry, boolean direct) {
		if (entry.size() > Integer.MAX_VALUE) throw damaged(source, "entry " + entry.name() + " is too large");
		ByteBuffer out = direct ? ByteBuffer.allocateDirect((int) entry.size())
			: ByteBuffer.allocate((int) entry.size());
		Inflater inflater = new Inflater(true);
		try {
			inflater.setInput(compressed);
			while (out.hasRemaining() && !inflater.finished()) {
				if (inflater.inflate(out) == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
					break;
				}
			}
			if (out.hasRemaining()) throw damaged(source, "entry " + entry.name() + " is cut short");
		} catch (DataFormatException e) {
			throw damaged(source, "entry " + entry.name() + " cannot be decompressed");
		} finally {
			inflater.end();
		}
		return out.flip().order(ByteOrder.LITTLE_ENDIAN);
	}

	private static int findEndRecord(ByteBuffer tail) {
		for (int at = tail.limit() - EOCD_SIZE; at >= 0; at--) {
			if (tail.getInt(at) == EOCD && at + EOCD_SIZE + (tail.getShort(at + 20) & 0xffff) == tail.limit()) {
				return at;
			}
		}
		return -1;
	}

	private static Map<String, ZipEntryInfo> readDirectory(ByteBuffer d, long count, String source) {
		Map<String, ZipEntryInfo> entries = new LinkedHashMap<>();
		int at = 0;
		for (long i = 0; i < count; i++) {
			if (at + 46 > d.limit() || d.getInt(at) != CENTRAL) {
				throw damaged(source, "its zip directory is cut short");
			}
			int method = d.getShort(at + 10) & 0xffff;
			long crc = d.getInt(at + 16) & 0xffffffffL;
			long compressed = d.getInt(at + 20) & 0xffffffffL;
			long size = d.getInt(at + 24) & 0xffffffffL;
			int nameLength = d.getShort(at + 28) & 0xffff;
			int extraLength = d.getShort(at + 30) & 0xffff;
			int commentLength = d.getShort(at + 32) & 0xffff;
			long offset = d.getInt(at + 42) & 0xffffffffL;
			int next = at + 46 + nameLength + extraLength + commentLength;
			if (next > d.limit()) throw damaged(source, "its zip directory is cut short");
			byte[] name = new byte[nameLength];
			d.get(at + 46, name);
			// ZIP64 extended information replaces the fields set to 0xffffffff, in this order
			long[] wide = { size, compressed, offset };
			int extra = at + 46 + nameLength;
			while (extra + 4 <= at + 46 + nameLength + extraLength) {
				int id = d.getShort(extra) & 0xffff;
				int length = d.getShort(extra + 2) & 0xffff;
				if (id == 0x0001) {
					int field = extra + 4;
					for (int f = 0; f < 3 && field + 8 <= extra + 4 + length; f++) {
						if (wide[f] == 0xffffffffL) {
							wide[f] = d.getLong(field);
							field += 8;
						}
					}
				}
				extra += 4 + length;
			}
			String entryName = new String(name, StandardCharsets.UTF_8);
			entries.put(entryName, new ZipEntryInfo(entryName, method, crc, wide[1], wide[0], wide[2]));
			at = next;
		}
		return entries;
	}

	private static CheckpointException damaged(String source, String what) {
		return new CheckpointException("Checkpoint " + source + " is damaged: " + what
			+ ". Copy or download it again.");
	}
}
