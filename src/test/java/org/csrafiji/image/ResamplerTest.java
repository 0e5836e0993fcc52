package org.csrafiji.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link Resampler} on shapes the Pillow fixtures do not cover, against the reference. */
class ResamplerTest {

	private static float[] random(int n, long seed) {
		Random r = new Random(seed);
		float[] out = new float[n];
		for (int i = 0; i < out.length; i++) {
			out[i] = r.nextFloat();
		}
		return out;
	}

	@ParameterizedTest(name = "{0}x{1} -> {2}x{3}")
	@CsvSource({"1, 1, 16, 16", "1, 50, 20, 20", "300, 7, 16, 16", "17, 1000, 33, 448",
		"448, 448, 448, 448", "2000, 3, 448, 448", "97, 61, 1, 1", "640, 480, 224, 224"})
	void floatPathMatchesReference(int w, int h, int dw, int dh) {
		float[] src = random(w * h, w * 31 + h);
		float[] got = Resampler.resize(src, w, h, dw, dh);
		double[] expected = ReferenceResize.resize(i -> src[i], w, h, dw, dh);
		for (int i = 0; i < expected.length; i++) {
			// Java float (IEEE strict, JEP 306: the same on any CPU). Two passes of float sums of
			// at most n = 2 x 2000/448 + 2 = 11 non-negative taps summing to 1 over values in
			// [0, 1]: each pass within n u of the value (u = 2^-24), so 22 u = 1.3e-6 <= 2e-6
			assertEquals(expected[i], got[i], 2e-6, "sample " + i);
		}
	}

	@ParameterizedTest(name = "{0}x{1} -> {2}x{3}")
	@CsvSource({"9, 9, 100, 100", "1000, 10, 20, 30", "640, 480, 448, 448"})
	void bytePathIsWithinOneGreyLevelOfReference(int w, int h, int dw, int dh) {
		byte[] src = TestImages.bytes(w, h, w + h);
		byte[] got = Resampler.resize(src, w, h, dw, dh);
		double[] expected = ReferenceResize.resize(i -> src[i] & 0xff, w, h, dw, dh);
		for (int i = 0; i < expected.length; i++) {
			// 8-bit path: Pillow's rounding to integers after each pass moves a value by at most
			// one grey level in all; 1e-9 covers the double reference's rounding
			assertEquals(expected[i], got[i] & 0xff, 1.0 + 1e-9, "sample " + i);
		}
	}

	@Test
	void sameSizeIsTheIdentity() {
		float[] src = random(50 * 40, 1);
		assertArrayEquals(src, Resampler.resize(src, 50, 40, 50, 40));
		byte[] bytes = TestImages.bytes(50, 40, 2);
		assertArrayEquals(bytes, Resampler.resize(bytes, 50, 40, 50, 40));
	}

	@Test
	void cropReadsOnlyItsRectangle() {
		int w = 120;
		int h = 90;
		float[] src = random(w * h, 3);
		float[][] out = new float[1][20 * 20];
		Resampler.resize(new RawFloatRows(src, new Crop(w, 30, 10, 50, 60)), 20, 20, out);
		double[] whole = new double[src.length];
		for (int i = 0; i < src.length; i++) {
			whole[i] = src[i];
		}
		double[] expected = ReferenceResize.resize(TestImages.crop(whole, w, 30, 10, 50, 60), 50,
			60, 20, 20);
		for (int i = 0; i < expected.length; i++) {
			assertEquals(expected[i], out[0][i], 2e-6); // 50 x 60 -> 20: n <= 8, 16 u = 9.5e-7
		}
	}

	@Test
	void tapsSumToOneInFloatAndFixedPoint() {
		for (int[] sizes : new int[][]{{4096, 448}, {61, 48}, {48, 131}, {7, 7}}) {
			ResampleWeights w = ResampleWeights.of(sizes[0], sizes[1]);
			for (int i = 0; i < w.outSize; i++) {
				double sum = 0;
				long fixed = 0;
				for (int k = 0; k < w.count[i]; k++) {
					sum += w.weights[i * w.stride + k];
					fixed += w.fixed[i * w.stride + k];
				}
				// double taps normalised to 1, each rounded to float (u/2 relative): the sum is
				// within u/2 = 3e-8 of 1; 1e-6 also holds for any tap count up to 4096/448
				assertEquals(1.0, sum, 1e-6);
				assertTrue(Math.abs(fixed - (1 << ResampleWeights.PRECISION_BITS)) <= w.count[i]);
			}
		}
	}

	@Test
	void mismatchedDestinationIsRefused() {
		float[][] wrong = new float[1][10];
		assertThrows(IllegalArgumentException.class, () -> Resampler.resize(new RawFloatRows(
			new float[100], Crop.whole(10, 10)), 4, 4, wrong));
		assertThrows(IllegalArgumentException.class, () -> Resampler.resize(new float[99], 10, 10,
			4, 4));
	}
}
