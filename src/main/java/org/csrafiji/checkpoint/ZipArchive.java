package org.csrafiji.checkpoint;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

import org.csrafiji.core.CheckpointException;

/**
 * Reads a zip archive's central directory (ZIP64 included) and the entries themselves with
 * positional reads, so that each stored entry goes straight from the file into its own
 * buffer. Every entry read is checked against its CRC-32.
 *
 * <p>Before anything is read the directory is checked as a whole, so that an entry's size is
 * what the file really holds: names are unique, every entry lies before the directory and
 * shares no byte with another, a stored entry's size equals the bytes it occupies, and a
 * deflated entry expands at most {@link #MAX_DEFLATE_RATIO} times (plus
 * {@link #SMALL_ENTRY} bytes), which refuses zip bombs before a byte is allocated.
 */
final class ZipArchive {

	private static final int EOCD = 0x06054b50;
	private static final int ZIP64_LOCATOR = 0x07064b50;
	private static final int ZIP64_EOCD = 0x06064b50;
	private static final int CENTRAL = 0x02014b50;
	private static final int LOCAL = 0x04034b50;
	private static final int EOCD_SIZE = 22;
	private static final int MAX_COMMENT = 0xffff;
	private static final int LOCAL_SIZE = 30;
	/**
	 * Largest expansion accepted for a deflated entry. torch.save stores entries uncompressed;
	 * float weights re-zipped with deflate shrink only about 1.07:1 (the storages of
	 * src/test/resources/model/module_r50_h2.pth), a zip bomb 1000:1. Only a large all-zero
	 * tensor in a re-zipped file would pass 100:1; the message says to re-save it.
	 */
	static final long MAX_DEFLATE_RATIO = 100;
	/** Entries up to this size may deflate better (a short data.pkl, a byteorder entry). */
	static final long SMALL_ENTRY = 64 * 1024;

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
			if (z.getInt(0) != ZIP64_EOCD)
				throw damaged(source, "its ZIP64 directory record is missing");
			count = z.getLong(32);
			directorySize = z.getLong(40);
			directoryOffset = z.getLong(48);
		}
		if (count < 0 || directorySize < 0 || directoryOffset < 0
			|| directoryOffset + directorySize > size)
		{
			throw FileReads.truncated(source, size, directoryOffset + directorySize);
		}
		ByteBuffer directory = FileReads.read(channel, directoryOffset, directorySize, false,
			source);
		Map<String, ZipEntryInfo> entries = readDirectory(directory, count, source);
		return new ZipArchive(channel, source, locate(channel, entries, directoryOffset, source));
	}

	/**
	 * Reads each entry's local header to find where its bytes start, and checks the
	 * directory's claims against the file: see the class comment.
	 */
	private static Map<String, ZipEntryInfo> locate(FileChannel channel,
		Map<String, ZipEntryInfo> entries, long directoryOffset, String source) throws IOException
	{
		Map<String, ZipEntryInfo> located = new LinkedHashMap<>();
		for (ZipEntryInfo e : entries.values()) {
			if (e.localHeaderOffset() < 0 || e.localHeaderOffset() + LOCAL_SIZE > directoryOffset) {
				throw damaged(source, "entry " + e.shown() + " starts outside the archive's"
					+ " data");
			}
			ByteBuffer local = FileReads.read(channel, e.localHeaderOffset(), LOCAL_SIZE, false,
				source);
			if (local.getInt(0) != LOCAL) {
				throw damaged(source, "entry " + e.shown() + " has no header");
			}
			long dataAt = e.localHeaderOffset() + LOCAL_SIZE + (local.getShort(26) & 0xffff)
				+ (local.getShort(28) & 0xffff);
			if (e.compressedSize() < 0 || e.size() < 0
				|| dataAt + e.compressedSize() > directoryOffset)
			{
				throw damaged(source, "entry " + e.shown() + " reaches past the archive's data");
			}
			checkDeclaredSize(e, source);
			located.put(e.name(),
				new ZipEntryInfo(e.name(), e.method(), e.crc(), e.compressedSize(),
					e.size(), e.localHeaderOffset(), dataAt));
		}
		List<ZipEntryInfo> byOffset = new ArrayList<>(located.values());
		byOffset.sort(Comparator.comparingLong(ZipEntryInfo::localHeaderOffset));
		for (int i = 1; i < byOffset.size(); i++) {
			ZipEntryInfo before = byOffset.get(i - 1);
			ZipEntryInfo after = byOffset.get(i);
			if (after.localHeaderOffset() < before.dataAt() + before.compressedSize()) {
				throw new CheckpointException("Checkpoint " + source
					+ " is refused: its zip entries "
					+ before.shown() + " and " + after.shown()
					+ " overlap in the file, so that one byte"
					+ " would count for two entries, which no zip writer does (a crafted or damaged"
					+ " file). Do not use it; save the checkpoint again with torch.save.");
			}
		}
		return located;
	}

	private static void checkDeclaredSize(ZipEntryInfo e, String source) {
		if (e.method() == 0 && e.size() != e.compressedSize()) {
			throw damaged(source, "stored entry " + e.shown() + " claims " + e.size() + " bytes but"
				+ " occupies " + e.compressedSize());
		}
		if (e.method() == 8 && e.size() > SMALL_ENTRY
			&& e.size() / MAX_DEFLATE_RATIO > e.compressedSize())
		{
			throw new CheckpointException("Checkpoint " + source + " is refused: zip entry "
				+ e.shown() + " would inflate from " + e.compressedSize() + " to " + e.size()
				+ " bytes, more than " + MAX_DEFLATE_RATIO
				+ " times, as a zip bomb does (torch.save"
				+ " stores entries uncompressed). Re-save the checkpoint with torch.save rather than"
				+ " re-zipping it.");
		}
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
		long dataAt = entry.dataAt();
		ByteBuffer bytes = switch (entry.method()) {
			case 0 -> FileReads.read(channel, dataAt, entry.size(), direct, source);
			case 8 ->
				inflate(FileReads.read(channel, dataAt, entry.compressedSize(), false, source),
					entry, direct);
			default -> throw new CheckpointException("Checkpoint " + source + " compresses entry "
				+ entry.shown() + " with zip method " + entry.method()
				+ ", which this reader does not"
				+ " support. Save it again with torch.save, which stores entries uncompressed.");
		};
		CRC32 crc = new CRC32();
		crc.update(bytes.duplicate());
		if (crc.getValue() != entry.crc()) {
			throw damaged(source, "entry " + entry.shown() + " fails its checksum");
		}
		return bytes;
	}

	private ByteBuffer inflate(ByteBuffer compressed, ZipEntryInfo entry, boolean direct) {
		if (entry.size() > Integer.MAX_VALUE) {
			throw damaged(source, "entry " + entry.shown() + " is too large");
		}
		ByteBuffer out = direct
			? ByteBuffer.allocateDirect((int) entry.size())
			: ByteBuffer.allocate((int) entry.size());
		Inflater inflater = new Inflater(true);
		try {
			inflater.setInput(compressed);
			while (out.hasRemaining() && !inflater.finished()) {
				if (inflater.inflate(out) == 0
					&& (inflater.needsInput() || inflater.needsDictionary()))
				{
					break;
				}
			}
			if (out.hasRemaining()) {
				throw damaged(source, "entry " + entry.shown() + " is cut short");
			}
		}
		catch (DataFormatException e) {
			throw damaged(source, "entry " + entry.shown() + " cannot be decompressed");
		}
		finally {
			inflater.end();
		}
		return out.flip().order(ByteOrder.LITTLE_ENDIAN);
	}

	private static int findEndRecord(ByteBuffer tail) {
		for (int at = tail.limit() - EOCD_SIZE; at >= 0; at--) {
			if (tail.getInt(at) == EOCD
				&& at + EOCD_SIZE + (tail.getShort(at + 20) & 0xffff) == tail.limit())
			{
				return at;
			}
		}
		return -1;
	}

	private static Map<String, ZipEntryInfo> readDirectory(ByteBuffer d, long count,
		String source)
	{
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
			long[] wide = {size, compressed, offset};
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
			ZipEntryInfo earlier = entries.put(entryName,
				new ZipEntryInfo(entryName, method, crc, wide[1], wide[0], wide[2], -1));
			if (earlier != null) {
				throw new CheckpointException("Checkpoint " + source + " is refused: it holds two"
					+ " entries named " + MessageText.shorten(entryName) + "; torch.load reads the"
					+ " first and other zip readers the last, so the file holds two different"
					+ " checkpoints (a crafted or damaged file). Do not use it; save the checkpoint"
					+ " again with torch.save.");
			}
			at = next;
		}
		return entries;
	}

	private static CheckpointException damaged(String source, String what) {
		return new CheckpointException("Checkpoint " + source + " is damaged: " + what
			+ ". Copy or download it again.");
	}
}
