package org.csrafiji.checkpoint;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;

/**
 * One tensor of a checkpoint: its element type, its shape and its elements, contiguous in
 * row-major order. The elements live in a direct buffer that belongs to this tensor alone;
 * {@link #toFloat32Buffer()} hands that memory out without copying for float32 tensors.
 */
public final class TensorData {

	private final DType dtype;
	private final long[] shape;
	private final long numel;
	/** Little-endian, position 0, limit numel * dtype size. */
	private final ByteBuffer data;

	/**
	 * @param dtype element type
	 * @param shape dimensions, row-major
	 * @param littleEndian the elements, exactly numel * size bytes from 0 to the limit; kept
	 *          without copying
	 */
	TensorData(DType dtype, long[] shape, ByteBuffer littleEndian) {
		this.dtype = Objects.requireNonNull(dtype, "dtype");
		this.shape = shape.clone();
		this.numel = Shapes.numel(this.shape);
		long bytes = numel * dtype.size();
		if (littleEndian.position() != 0 || littleEndian.limit() != bytes) {
			throw new IllegalArgumentException("Tensor of shape " + Shapes.format(shape)
				+ " needs " + bytes + " bytes of " + dtype + ", got " + littleEndian.remaining());
		}
		this.data = littleEndian.order(ByteOrder.LITTLE_ENDIAN);
	}

	/**
	 * @param shape dimensions, row-major
	 * @param values the elements in row-major order, one per element of the shape
	 * @return a float32 tensor holding a copy of the values
	 */
	public static TensorData ofFloats(long[] shape, float[] values) {
		checkCount(shape, values.length);
		ByteBuffer buffer = allocate(4L * values.length);
		buffer.asFloatBuffer().put(values);
		return new TensorData(DType.FLOAT32, shape, buffer);
	}

	/**
	 * @param shape dimensions, row-major ({@code new long[0]} for a scalar)
	 * @param values the elements in row-major order, one per element of the shape
	 * @return an int64 tensor holding a copy of the values
	 */
	public static TensorData ofLongs(long[] shape, long[] values) {
		checkCount(shape, values.length);
		ByteBuffer buffer = allocate(8L * values.length);
		buffer.asLongBuffer().put(values);
		return new TensorData(DType.INT64, shape, buffer);
	}

	/**
	 * Copies elements from a buffer, e.g. one an NDArray handed out.
	 *
	 * @param dtype element type
	 * @param shape dimensions, row-major
	 * @param elements the elements from its position to its limit, in the buffer's byte order
	 * @return a tensor holding a copy of the elements
	 */
	public static TensorData copyOf(DType dtype, long[] shape, ByteBuffer elements) {
		long expected = Shapes.numel(shape) * dtype.size();
		if (elements.remaining() != expected) {
			throw new IllegalArgumentException("A " + dtype + " tensor of shape "
				+ Shapes.format(shape) + " needs " + expected + " bytes; the buffer has "
				+ elements.remaining() + ".");
		}
		ByteBuffer copy = allocate(expected);
		copy.put(elements.duplicate()).flip();
		if (elements.order() != ByteOrder.LITTLE_ENDIAN) {
			ElementConversions.swapBytes(copy, dtype.size());
		}
		return new TensorData(dtype, shape, copy);
	}

	/** @return the element type */
	public DType dtype() {
		return dtype;
	}

	/** @return a copy of the dimensions (empty for a scalar) */
	public long[] shape() {
		return shape.clone();
	}

	/** @return the number of elements (1 for a scalar) */
	public long numel() {
		return numel;
	}

	/**
	 * @return the elements converted to float (exactly for float16, bfloat16 and integers up
	 *         to 2^24; float64 and large integers round to nearest)
	 */
	public float[] toFloatArray() {
		return ElementConversions.toFloats(dtype, data, arrayLength());
	}

	/**
	 * The elements as contiguous float32 in a direct buffer of the platform's byte order, at
	 * position 0 with its limit at the end. For a float32 tensor on a little-endian platform
	 * this is this tensor's own memory, not a copy: treat it as read-only, and know that an
	 * NDArray created over it without copying shares it. Other types are converted into a new
	 * buffer.
	 *
	 * @return the float32 elements
	 */
	public ByteBuffer toFloat32Buffer() {
		if (dtype == DType.FLOAT32 && ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN) {
			return data.duplicate().order(ByteOrder.nativeOrder());
		}
		float[] values = toFloatArray();
		ByteBuffer out = ByteBuffer.allocateDirect(4 * values.length)
			.order(ByteOrder.nativeOrder());
		out.asFloatBuffer().put(values);
		return out;
	}

	/**
	 * @return the elements as longs
	 * @throws IllegalStateException for a floating-point tensor, which has no exact long values
	 */
	public long[] toLongArray() {
		return ElementConversions.toLongs(dtype, data, arrayLength());
	}

	/** @return the little-endian elements, a view of this tensor's memory at position 0 */
	ByteBuffer littleEndianBytes() {
		return data.duplicate().order(ByteOrder.LITTLE_ENDIAN);
	}

	@Override
	public String toString() {
		return "TensorData[" + dtype + " " + Shapes.format(shape) + "]";
	}

	private int arrayLength() {
		if (numel > Integer.MAX_VALUE - 8) {
			throw new IllegalStateException("Tensor " + Shapes.format(shape)
				+ " has too many elements for a Java array; use toFloat32Buffer().");
		}
		return (int) numel;
	}

	private static void checkCount(long[] shape, int count) {
		long numel = Shapes.numel(shape);
		if (numel != count) {
			throw new IllegalArgumentException("Shape " + Shapes.format(shape) + " has " + numel
				+ " elements but " + count + " values were given.");
		}
	}

	/**
	 * @param bytes size of the buffer
	 * @return a zeroed direct little-endian buffer
	 */
	static ByteBuffer allocate(long bytes) {
		if (bytes > Integer.MAX_VALUE) {
			throw new IllegalArgumentException("A tensor of " + bytes
				+ " bytes is larger than one buffer can hold (2 GiB).");
		}
		return ByteBuffer.allocateDirect((int) bytes).order(ByteOrder.LITTLE_ENDIAN);
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof TensorData t && t.dtype == dtype && Arrays.equals(t.shape, shape)
			&& t.data.equals(data);
	}

	@Override
	public int hashCode() {
		return Objects.hash(dtype, Arrays.hashCode(shape), numel);
	}
}
