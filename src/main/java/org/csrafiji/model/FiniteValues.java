package org.csrafiji.model;

import ai.djl.ndarray.NDArray;

import java.nio.FloatBuffer;

/**
 * Finds NaN and infinite values, in weights before they reach the network and in the
 * network's arrays before they reach a table: non-finite numbers never make a sensible
 * score, only "no class above 0.50" or a score of 1.0 nobody can trust.
 */
public final class FiniteValues {

	private FiniteValues() {}

	/**
	 * @param values floats from position to limit (not moved)
	 * @return the index, counted from the position, of the first NaN or infinite value, or
	 *         -1 when all are finite
	 */
	public static long firstNonFinite(FloatBuffer values) {
		int start = values.position();
		int end = values.limit();
		float[] chunk = new float[Math.min(CHUNK, end - start)];
		FloatBuffer view = values.duplicate();
		for (int from = start; from < end; from += chunk.length) {
			int n = Math.min(chunk.length, end - from);
			view.get(from, chunk, 0, n);
			if (anyNonFinite(chunk, n)) {
				for (int i = 0; i < n; i++) {
					if (!Float.isFinite(chunk[i])) {
						return from + i - start;
					}
				}
			}
		}
		return -1;
	}

	/** Floats checked at a time: copied out of the buffer in bulk, then scanned. */
	private static final int CHUNK = 1 << 14;

	/**
	 * A float is NaN or infinite exactly when all its exponent bits are set, so the largest
	 * masked exponent says whether any of them is; a loop without a branch per value, which
	 * the JIT compiles to vector instructions where it can.
	 */
	private static boolean anyNonFinite(float[] values, int n) {
		int most = 0;
		for (int i = 0; i < n; i++) {
			most = Math.max(most, Float.floatToRawIntBits(values[i]) & EXPONENT);
		}
		return most == EXPONENT;
	}

	private static final int EXPONENT = 0x7f800000;

	/**
	 * @param values an array
	 * @return the index of the first NaN or infinite value, or -1 when all are finite
	 */
	public static int firstNonFinite(float[] values) {
		for (int i = 0; i < values.length; i++) {
			if (!Float.isFinite(values[i])) {
				return i;
			}
		}
		return -1;
	}

	/**
	 * @param array a floating-point array on any device
	 * @return whether every value is finite (computed on the array's device)
	 */
	public static boolean allFinite(NDArray array) {
		try (NDArray bad = array.isNaN().logicalOr(array.isInfinite()).any()) {
			return !bad.getBoolean();
		}
	}
}
