package org.csrafiji.image;

/**
 * The {@link IntensityWindow} between two percentiles of a plane's crop, found from
 * histograms without copying or sorting the pixels: one 256- or 65536-bin pass for 8-bit and
 * 16-bit planes (exact), and for 32-bit planes passes of a 4096-bin histogram that narrow
 * down to the bin holding the wanted rank until it holds one value (exact too, a few passes).
 */
final class PercentileWindows {

	private static final int FLOAT_BINS = 4096;

	private PercentileWindows() {}

	/**
	 * @param pixels byte[], short[] or float[]
	 * @param crop the area the percentiles are taken over
	 * @param p the percentiles
	 * @return the window, or null when the crop holds no finite value
	 */
	static IntensityWindow of(Object pixels, Crop crop, Percentiles p) {
		Ranked ranked = pixels instanceof float[] f
			? new FloatRanks(f, crop)
			: new IntegerRanks(
				pixels, crop);
		long n = ranked.count();
		if (n == 0) {
			return null;
		}
		return new IntensityWindow(value(ranked, n, p.low()), value(ranked, n, p.high()));
	}

	/** NumPy's 'linear' percentile: rank q/100 (n - 1), interpolated. */
	private static double value(Ranked ranked, long n, double q) {
		double rank = q / 100 * (n - 1);
		long k = (long) Math.floor(rank);
		double frac = rank - k;
		double lower = ranked.kth(k);
		if (frac == 0 || k + 1 >= n) {
			return lower;
		}
		double upper = ranked.kth(k + 1);
		return lower + frac * (upper - lower);
	}

	/** The sorted order of a crop's values, queried by rank. */
	private interface Ranked {

		/** @return the number of finite values */
		long count();

		/** @param k a 0-based rank below {@link #count()} @return the value of that rank */
		double kth(long k);
	}

	/** 8-bit and 16-bit: one histogram over all values. */
	private static final class IntegerRanks implements Ranked {

		private final long[] histogram;
		private final long count;

		IntegerRanks(Object pixels, Crop crop) {
			boolean bytes = pixels instanceof byte[];
			histogram = new long[bytes ? 256 : 65536];
			for (int y = 0; y < crop.height(); y++) {
				int offset = crop.offset(y);
				if (bytes) {
					byte[] b = (byte[]) pixels;
					for (int x = 0; x < crop.width(); x++) {
						histogram[b[offset + x] & 0xff]++;
					}
				}
				else {
					short[] s = (short[]) pixels;
					for (int x = 0; x < crop.width(); x++) {
						histogram[s[offset + x] & 0xffff]++;
					}
				}
			}
			count = (long) crop.width() * crop.height();
		}

		@Override
		public long count() {
			return count;
		}

		@Override
		public double kth(long k) {
			long seen = 0;
			for (int v = 0; v < histogram.length; v++) {
				seen += histogram[v];
				if (seen > k) {
					return v;
				}
			}
			throw new IllegalStateException("rank " + k + " beyond " + count);
		}
	}

	/** 32-bit: narrowing histograms over the finite values. */
	private static final class FloatRanks implements Ranked {

		private final float[] pixels;
		private final Crop crop;
		private final long count;
		private final float min;
		private final float max;

		FloatRanks(float[] pixels, Crop crop) {
			this.pixels = pixels;
			this.crop = crop;
			long n = 0;
			float lo = Float.POSITIVE_INFINITY;
			float hi = Float.NEGATIVE_INFINITY;
			for (int y = 0; y < crop.height(); y++) {
				int offset = crop.offset(y);
				for (int x = 0; x < crop.width(); x++) {
					float v = pixels[offset + x];
					if (Float.isFinite(v)) {
						n++;
						lo = Math.min(lo, v);
						hi = Math.max(hi, v);
					}
				}
			}
			count = n;
			min = lo;
			max = hi;
		}

		@Override
		public long count() {
			return count;
		}

		@Override
		public double kth(long k) {
			float lo = min;
			float hi = max;
			long rank = k;
			long[] counts = new long[FLOAT_BINS];
			float[] binMin = new float[FLOAT_BINS];
			float[] binMax = new float[FLOAT_BINS];
			while (lo < hi) {
				java.util.Arrays.fill(counts, 0);
				java.util.Arrays.fill(binMin, Float.POSITIVE_INFINITY);
				java.util.Arrays.fill(binMax, Float.NEGATIVE_INFINITY);
				double width = ((double) hi - lo) / FLOAT_BINS;
				for (int y = 0; y < crop.height(); y++) {
					int offset = crop.offset(y);
					for (int x = 0; x < crop.width(); x++) {
						float v = pixels[offset + x];
						if (v >= lo && v <= hi) {
							int b = Math.min(FLOAT_BINS - 1, (int) ((v - (double) lo) / width));
							counts[b]++;
							binMin[b] = Math.min(binMin[b], v);
							binMax[b] = Math.max(binMax[b], v);
						}
					}
				}
				int b = 0;
				while (rank >= counts[b]) {
					rank -= counts[b];
					b++;
				}
				lo = binMin[b];
				hi = binMax[b];
			}
			return lo;
		}
	}
}
