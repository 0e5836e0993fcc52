package org.csrafiji.checkpoint;

import java.util.StringJoiner;

/** Small helpers for tensor shapes: element counts, row-major strides, formatting. */
final class Shapes {

	private Shapes() {}

	/**
	 * @param shape dimensions, each at least 0
	 * @return the product of the dimensions
	 * @throws IllegalArgumentException for a negative dimension or an overflowing product
	 */
	static long numel(long[] shape) {
		long n = 1;
		for (long d : shape) {
			if (d < 0) throw new IllegalArgumentException("Negative dimension in " + format(shape));
			n = Math.multiplyExact(n, d);
		}
		return n;
	}

	/**
	 * @param shape dimensions
	 * @return the strides of a contiguous row-major tensor of that shape, in elements
	 */
	static long[] rowMajorStrides(long[] shape) {
		long[] strides = new long[shape.length];
		long s = 1;
		for (int i = shape.length - 1; i >= 0; i--) {
			strides[i] = s;
			s *= Math.max(1, shape[i]);
		}
		return strides;
	}

	/**
	 * @param shape dimensions
	 * @param strides strides in elements
	 * @return whether elements laid out with these strides are contiguous in row-major order
	 *         (strides of dimensions of size 1 do not matter)
	 */
	static boolean isRowMajor(long[] shape, long[] strides) {
		for (long d : shape) {
			if (d == 0) return true;
		}
		long expected = 1;
		for (int i = shape.length - 1; i >= 0; i--) {
			if (shape[i] != 1 && strides[i] != expected) return false;
			expected *= shape[i];
		}
		return true;
	}

	/**
	 * @param shape dimensions
	 * @return e.g. {@code (20, 2048, 1, 1)}, or {@code ()} for a scalar
	 */
	static String format(long[] shape) {
		StringJoiner j = new StringJoiner(", ", "(", ")");
		for (long d : shape)
			j.add(Long.toString(d));
		return j.toString();
	}
}
