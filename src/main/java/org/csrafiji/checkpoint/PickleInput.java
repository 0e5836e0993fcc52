package org.csrafiji.checkpoint;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import org.csrafiji.core.CheckpointException;

/**
 * Reads the primitive fields of a pickle stream from a buffer, checking every length
 * against what is left, so that a damaged or hostile stream cannot make the reader allocate
 * more than the stream's size.
 */
final class PickleInput {

	private final ByteBuffer in;
	private final String source;

	/**
	 * @param pickle the whole pickle, from its position to its limit
	 * @param source checkpoint name for messages
	 */
	PickleInput(ByteBuffer pickle, String source) {
		this.in = pickle.slice().order(ByteOrder.LITTLE_ENDIAN);
		this.source = source;
	}

	/** @return offset of the next byte, for messages */
	int position() {
		return in.position();
	}

	int u8() {
		need(1);
		return in.get() & 0xff;
	}

	int u16() {
		need(2);
		return in.getShort() & 0xffff;
	}

	int s32() {
		need(4);
		return in.getInt();
	}

	/** @return an unsigned 32-bit length */
	long u32() {
		need(4);
		return in.getInt() & 0xffffffffL;
	}

	/** @return an unsigned 64-bit length (a negative value means more than 2^63) */
	long u64() {
		need(8);
		return in.getLong();
	}

	/** @return a big-endian IEEE 754 double, as BINFLOAT stores it */
	double bigEndianDouble() {
		need(8);
		return Double.longBitsToDouble(Long.reverseBytes(in.getLong()));
	}

	/**
	 * @param length number of bytes, checked against what is left
	 * @return the bytes
	 */
	byte[] bytes(long length) {
		if (length < 0 || length > in.remaining()) throw endsEarly(length);
		byte[] b = new byte[(int) length];
		in.get(b);
		return b;
	}

	/**
	 * @param length number of bytes
	 * @return those bytes decoded as UTF-8
	 */
	String utf8(long length) {
		return new String(bytes(length), StandardCharsets.UTF_8);
	}

	/**
	 * @param length number of bytes
	 * @return a little-endian two's complement integer of that many bytes (LONG1, LONG4)
	 */
	Object littleEndianInteger(long length) {
		byte[] le = bytes(length);
		if (le.length == 0) return 0L;
		byte[] be = new byte[le.length];
		for (int i = 0; i < le.length; i++)
			be[i] = le[le.length - 1 - i];
		return PickleInput.compact(new BigInteger(be));
	}

	/** @return the text up to the next newline, without it (protocol 0 arguments) */
	String line() {
		int start = in.position();
		int end = start;
		while (end < in.limit() && in.get(end) != '\n')
			end++;
		if (end == in.limit()) throw endsEarly(1);
		byte[] b = new byte[end - start];
		in.get(b);
		in.get(); // the newline
		return new String(b, StandardCharsets.UTF_8);
	}

	/**
	 * @param value an integer
	 * @return a Long where it fits, otherwise the BigInteger
	 */
	static Object compact(BigInteger value) {
		return value.bitLength() < 64 ? (Object) value.longValue() : value;
	}

	private void need(long n) {
		if (in.remaining() < n) throw endsEarly(n);
	}

	private CheckpointException endsEarly(long wanted) {
		return new CheckpointException("Checkpoint " + source + " is damaged: its data.pkl ends at"
			+ " byte " + in.position() + " where " + wanted + " more bytes were expected. Copy or"
			+ " download the file again, or save it again.");
	}
}
