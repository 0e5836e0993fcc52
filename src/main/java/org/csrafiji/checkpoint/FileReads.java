package org.csrafiji.checkpoint;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;

import org.csrafiji.core.CheckpointException;

/** Positional reads from a checkpoint file that report a short file as truncated. */
final class FileReads {

	private FileReads() {}

	/**
	 * Reads a region into a new buffer.
	 *
	 * @param channel the open file
	 * @param position first byte of the region
	 * @param length bytes to read
	 * @param direct whether the buffer should be direct (for tensor data) or on the heap
	 * @param source checkpoint name for messages
	 * @return the bytes, little-endian order, position 0, limit {@code length}
	 */
	static ByteBuffer read(FileChannel channel, long position, long length, boolean direct,
		String source) throws IOException
	{
		if (position < 0 || length < 0 || position + length > channel.size()) {
			throw truncated(source, channel.size(), position + length);
		}
		if (length > Integer.MAX_VALUE) {
			throw new CheckpointException("Checkpoint " + source + " holds a single block of "
				+ length + " bytes, more than this reader can take in one piece (2 GiB).");
		}
		ByteBuffer buffer = direct
			? ByteBuffer.allocateDirect((int) length)
			: ByteBuffer.allocate((int) length);
		readFully(channel, buffer, position, source);
		return buffer.flip().order(ByteOrder.LITTLE_ENDIAN);
	}

	/**
	 * Fills the buffer from its position to its limit.
	 *
	 * @param channel the open file
	 * @param buffer where the bytes go
	 * @param position file position of the first byte
	 * @param source checkpoint name for messages
	 */
	static void readFully(FileChannel channel, ByteBuffer buffer, long position, String source)
		throws IOException
	{
		long at = position;
		while (buffer.hasRemaining()) {
			int n = channel.read(buffer, at);
			if (n < 0) throw truncated(source, channel.size(), at + buffer.remaining());
			at += n;
		}
	}

	/**
	 * @param source checkpoint name
	 * @param size the file's size
	 * @param needed the size the file would need
	 * @return the error for a file that ends too early
	 */
	static CheckpointException truncated(String source, long size, long needed) {
		return new CheckpointException("Checkpoint " + source + " is truncated or damaged: it has "
			+ size + " bytes but its contents reach byte " + needed + ". Copy or download it again"
			+ " (an interrupted download or a full disk leaves such files).");
	}
}
