package org.csrafiji.checkpoint;

/**
 * One entry of a zip archive's central directory.
 *
 * @param name the entry's path inside the archive
 * @param method 0 for stored, 8 for deflated
 * @param crc the CRC-32 of the uncompressed bytes
 * @param compressedSize bytes the entry occupies in the file
 * @param size uncompressed bytes
 * @param localHeaderOffset file position of the entry's local header
 * @param dataAt file position of the entry's bytes, after its local header; -1 until the
 *          local header has been read
 */
record ZipEntryInfo(String name, int method, long crc, long compressedSize, long size,
	long localHeaderOffset, long dataAt)
{

	/** @return the name as a one-line message shows it */
	String shown() {
		return MessageText.shorten(name);
	}
}
