package org.csrafiji.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link Resampler} against Pillow's own BILINEAR resize, on images Pillow resized. */
class ResamplerPilParityTest {

	static List<PilFixtures.Case> rgbCases() {
		return PilFixtures.cases("RGB");
	}

	static List<PilFixtures.Case> grayCases() {
		return PilFixtures.cases("L");
	}

	static List<PilFixtures.Case> floatCases() {
		return PilFixtures.cases("F");
	}

	@ParameterizedTest
	@MethodSource("rgbCases")
	void rgbMatchesPillowBitForBit(PilFixtures.Case c) {
		byte[] in = c.input();
		int[] packed = new int[c.srcWidth() * c.srcHeight()];
		for (int i = 0; i < packed.length; i++) {
			packed[i] = (in[3 * i] & 0xff) << 16 | (in[3 * i + 1] & 0xff) << 8 | in[3 * i + 2]
				& 0xff;
		}
		int n = c.dstWidth() * c.dstHeight();
		byte[][] out = new byte[3][n];
		Resampler.resize(new RgbRows(packed, Crop.whole(c.srcWidth(), c.srcHeight())), c
			.dstWidth(), c.dstHeight(), out);
		byte[] expected = c.output();
		byte[] interleaved = new byte[3 * n];
		for (int i = 0; i < n; i++) {
			for (int b = 0; b < 3; b++) {
				interleaved[3 * i + b] = out[b][i];
			}
		}
		assertArrayEquals(expected, interleaved, c.toString());
	}

	@ParameterizedTest
	@MethodSource("grayCases")
	void grayMatchesPillowBitForBit(PilFixtures.Case c) {
		byte[] out = Resampler.resize(c.input(), c.srcWidth(), c.srcHeight(), c.dstWidth(), c
			.dstHeight());
		assertArrayEquals(c.output(), out, c.toString());
	}

	@ParameterizedTest
	@MethodSource("floatCases")
	void floatMatchesPillowWithinFloatRounding(PilFixtures.Case c) {
		float[] out = Resampler.resize(c.inputFloats(), c.srcWidth(), c.srcHeight(), c
			.dstWidth(), c.dstHeight());
		float[] expected = c.outputFloats();
		assertEquals(expected.length, out.length);
		for (int i = 0; i < out.length; i++) {
			// Pillow's F mode sums in double and rounds each pass to float; this resampler sums in
			// float. Weights and the fixtures' values (in [0, 1]) are non-negative, so each pass
			// is within n u of the value itself, n <= 2 x 123/48 + 2 = 8 taps: 16 u = 9.5e-7 of
			// the value, under 1e-5 (Java float is IEEE strict: the same on any CPU)
			float tolerance = 1e-5f * Math.max(Math.abs(expected[i]), 1e-3f);
			assertTrue(Math.abs(out[i] - expected[i]) <= tolerance, c + " sample " + i
				+ ": expected " + expected[i] + " got " + out[i]);
		}
	}
}
