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
		for (int i = start; i < end; i++) {
			if (!Float.isFinite(values.get(i))) {
				return i - start;
			}
		}
		return -1;
	}

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
