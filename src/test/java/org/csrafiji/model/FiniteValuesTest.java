package org.csrafiji.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * The buffer scan finds the first NaN or infinity exactly where a plain loop over
 * {@link Float#isFinite} does: at chunk boundaries, from a moved position, among the largest
 * finite values and the NaN payloads whose bits look most like them.
 */
class FiniteValuesTest {

	private static final float[] BAD = {Float.NaN, Float.POSITIVE_INFINITY,
		Float.NEGATIVE_INFINITY, Float.intBitsToFloat(0x7f800001),
		Float.intBitsToFloat(0xffffffff)};

	@Test
	void findsTheFirstNonFiniteValueLikeAPlainLoop() {
		Random random = new Random(3);
		int n = 50_000;
		for (int trial = 0; trial < 200; trial++) {
			FloatBuffer values = ByteBuffer.allocateDirect(n * Float.BYTES).order(ByteOrder
				.nativeOrder()).asFloatBuffer();
			for (int i = 0; i < n; i++) {
				// Finite values up to the largest, whose exponent bits are all set but one.
				values.put(i, random.nextBoolean()
					? Float.MAX_VALUE * (random.nextFloat() - 0.5f)
					: -Float.MAX_VALUE);
			}
			int bad = trial % 4 == 0 ? 0 : random.nextInt(4);
			for (int k = 0; k < bad; k++) {
				int[] edges = {0, 16_383, 16_384, 16_385, 32_768, n - 1};
				int at = random.nextBoolean()
					? edges[random.nextInt(edges.length)]
					: random
						.nextInt(n);
				values.put(at, BAD[random.nextInt(BAD.length)]);
			}
			int position = trial % 3 == 0 ? random.nextInt(20_000) : 0;
			values.position(position);
			assertEquals(reference(values), FiniteValues.firstNonFinite(values), "trial " + trial);
			assertEquals(position, values.position(), "the position is not moved");
		}
	}

	private static long reference(FloatBuffer values) {
		for (int i = values.position(); i < values.limit(); i++) {
			if (!Float.isFinite(values.get(i))) {
				return i - values.position();
			}
		}
		return -1;
	}
}
