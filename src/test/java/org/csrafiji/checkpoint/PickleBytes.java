package org.csrafiji.checkpoint;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Writes pickle streams by hand, opcode by opcode, for tests of the unpickler. */
final class PickleBytes {

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	PickleBytes op(int... bytes) {
		for (int b : bytes)
			out.write(b);
		return this;
	}

	PickleBytes raw(byte[] bytes) {
		out.writeBytes(bytes);
		return this;
	}

	PickleBytes text(String s) {
		return raw(s.getBytes(StandardCharsets.UTF_8));
	}

	PickleBytes u16(int v) {
		return op(v & 0xff, v >>> 8);
	}

	PickleBytes s32(int v) {
		return raw(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array());
	}

	PickleBytes u32(long v) {
		return s32((int) v);
	}

	PickleBytes u64(long v) {
		return raw(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v).array());
	}

	/** BININT for any int, LONG1 beyond 32 bits. */
	PickleBytes integer(long v) {
		if (v == (int) v) return op('J').s32((int) v);
		return op(0x8a, 8)
			.raw(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v).array());
	}

	PickleBytes unicode(String s) {
		byte[] b = s.getBytes(StandardCharsets.UTF_8);
		return op('X').u32(b.length).raw(b);
	}

	PickleBytes shortUnicode(String s) {
		byte[] b = s.getBytes(StandardCharsets.UTF_8);
		return op(0x8c, b.length).raw(b);
	}

	PickleBytes global(String module, String name) {
		return op('c').text(module + "\n" + name + "\n");
	}

	/** A tuple of integers, as sizes and strides are pickled. */
	PickleBytes ints(long... values) {
		op('(');
		for (long v : values)
			integer(v);
		return op('t');
	}

	/**
	 * One {@code torch._utils._rebuild_tensor_v2(storage, offset, size, stride, False,
	 * OrderedDict())} call, left on the stack.
	 */
	PickleBytes tensor(String storageKey, long storageNumel, long offset, long[] shape,
		long[] strides)
	{
		global("torch._utils", "_rebuild_tensor_v2").op('(');
		op('(').unicode("storage").global("torch", "FloatStorage").unicode(storageKey)
			.unicode("cpu")
			.integer(storageNumel).op('t').op('Q');
		integer(offset).ints(shape).ints(strides).op(0x89);
		return global("collections", "OrderedDict").op(')').op('R').op('t').op('R');
	}

	/** @return the pickle so far */
	byte[] bytes() {
		return out.toByteArray();
	}

	ByteBuffer buffer() {
		return ByteBuffer.wrap(bytes());
	}
}
