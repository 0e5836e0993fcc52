package org.csrafiji.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * Percentile windows against NumPy's 'linear' definition computed here in double
 * precision on sorted copies: the histogram passes select exact order statistics, so the
 * results agree to double rounding of the one interpolation (relative 1e-12).
 */
class PercentileWindowsTest {

	private static final Percentiles P = Percentiles.STARDIST;

	@Test
	void bytesShortsAndFloatsMatchSortedReference() {
		Random r = new Random(5);
		int w = 73;
		int h = 41;
		Crop crop = new Crop(w, 5, 3, 50, 30);
		byte[] b = new byte[w * h];
		short[] s = new short[w * h];
		float[] f = new float[w * h];
		for (int i = 0; i < w * h; i++) {
			b[i] = (byte) r.nextInt(256);
			s[i] = (short) (r.nextGaussian() * 3000 + 30000);
			f[i] = (float) (Math.exp(r.nextGaussian() * 3) - 2);
		}
		f[crop.offset(2) + 3] = Float.NaN;
		f[crop.offset(4) + 3] = Float.POSITIVE_INFINITY;
		for (Object px : new Object[]{b, s, f}) {
			double[] values = values(px, crop);
			IntensityWindow win = PercentileWindows.of(px, crop, P);
			assertEquals(reference(values, P.low()), win.low(),
				1e-12 * Math.abs(win.low()) + 1e-12);
			assertEquals(reference(values, P.high()), win.high(), 1e-12 * Math.abs(win.high())
				+ 1e-12);
		}
	}

	@Test
	void floatTiesAndExtremesAreExact() {
		float[] f = new float[1000];
		Arrays.fill(f, 3f);
		f[0] = -1e30f;
		f[999] = 1e30f;
		f[500] = 3.0000002f;
		Crop all = Crop.whole(1000, 1);
		for (double q : new double[]{0, 0.05, 50, 99.95, 100}) {
			Percentiles p = new Percentiles(q == 100 ? 0 : q, q == 100 ? 100 : 100);
			IntensityWindow win = PercentileWindows.of(f, all, p);
			double[] values = values(f, all);
			assertEquals(reference(values, p.low()), win.low(), Math.abs(win.low()) * 1e-12);
		}
		assertNull(PercentileWindows.of(new float[]{Float.NaN}, Crop.whole(1, 1), P));
	}

	@Test
	void parsesTheCommandLineForm() {
		assertEquals(new Percentiles(1, 99.8), Percentiles.parse("1, 99.8"));
		assertEquals("1,99.8", Percentiles.parse("1,99.8").text());
		org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
			() -> Percentiles.parse("99,1"));
		org.junit.jupiter.api.Assertions.assertArrayEquals(new int[]{2, 2, 2}, Channels.parse(
			"2"));
		org.junit.jupiter.api.Assertions.assertArrayEquals(new int[]{2, 1, 0}, Channels.parse(
			"2,1,0"));
		org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
			() -> Channels.parse("0,0,0"));
	}

	/** NumPy percentile, method 'linear', on the finite values. */
	static double reference(double[] sorted, double q) {
		double rank = q / 100 * (sorted.length - 1);
		int k = (int) Math.floor(rank);
		double frac = rank - k;
		return k + 1 < sorted.length ? sorted[k] + frac * (sorted[k + 1] - sorted[k]) : sorted[k];
	}

	static double[] values(Object px, Crop crop) {
		double[] out = new double[crop.width() * crop.height()];
		int n = 0;
		for (int y = 0; y < crop.height(); y++) {
			for (int x = 0; x < crop.width(); x++) {
				int i = crop.offset(y) + x;
				double v = px instanceof byte[] b
					? b[i] & 0xff
					: px instanceof short[] s
						? s[i]
							& 0xffff
						: ((float[]) px)[i];
				if (Double.isFinite(v)) {
					out[n++] = v;
				}
			}
		}
		double[] sorted = Arrays.copyOf(out, n);
		Arrays.sort(sorted);
		return sorted;
	}
}
