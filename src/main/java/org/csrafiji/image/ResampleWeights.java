package org.csrafiji.image;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The filter taps of one axis of a PIL-compatible BILINEAR resize from {@code inSize} to
 * {@code outSize} samples, computed as Pillow's {@code precompute_coeffs} does: a triangle
 * filter whose support grows with the reduction factor (antialiasing when shrinking), taps
 * normalised to sum 1, and Pillow's 22-bit fixed-point copies of them for 8-bit data.
 * Taps of weight exactly zero at either end of a window are dropped (they add nothing).
 * Instances are immutable and shared through a small cache.
 */
final class ResampleWeights {

	/** Fractional bits of the fixed-point taps, as Pillow's {@code PRECISION_BITS}. */
	static final int PRECISION_BITS = 32 - 8 - 2;

	/** Half a unit in the last fixed-point place: Pillow's rounding offset. */
	static final int ROUNDING = 1 << (PRECISION_BITS - 1);

	private static final int CACHE_LIMIT = 64;
	private static final Map<Long, ResampleWeights> CACHE = new ConcurrentHashMap<>();

	final int inSize;
	final int outSize;
	/** Taps per output sample in {@link #weights} and {@link #fixed} (the stride). */
	final int stride;
	/** First input sample of output sample i's window. */
	final int[] start;
	/** Number of input samples in output sample i's window. */
	final int[] count;
	/** Normalised taps, {@code weights[i * stride + k]} for input {@code start[i] + k}. */
	final float[] weights;
	/** The same taps in Pillow's fixed point (scaled by 2^22 and rounded half away from 0). */
	final int[] fixed;
	/** The most output samples whose windows share one input sample. */
	final int maxOverlap;

	private ResampleWeights(int inSize, int outSize) {
		this.inSize = inSize;
		this.outSize = outSize;
		double scale = (double) inSize / outSize;
		double filterScale = Math.max(scale, 1.0);
		double support = filterScale; // the triangle's support is 1 at unit scale
		double inverse = 1.0 / filterScale; // multiplied, not divided, as Pillow does
		int ksize = (int) Math.ceil(support) * 2 + 1;
		double[] taps = new double[ksize];
		start = new int[outSize];
		count = new int[outSize];
		weights = new float[outSize * ksize];
		fixed = new int[outSize * ksize];
		stride = ksize;
		for (int i = 0; i < outSize; i++) {
			double center = (i + 0.5) * scale;
			int lo = Math.max((int) (center - support + 0.5), 0);
			int n = Math.min((int) (center + support + 0.5), inSize) - lo;
			double sum = 0;
			for (int k = 0; k < n; k++) {
				taps[k] = triangle((k + lo - center + 0.5) * inverse);
				sum += taps[k];
			}
			if (sum != 0) {
				for (int k = 0; k < n; k++) {
					taps[k] /= sum;
				}
			}
			int first = 0;
			while (first < n - 1 && taps[first] == 0) {
				first++;
			}
			int last = n - 1;
			while (last > first && taps[last] == 0) {
				last--;
			}
			start[i] = lo + first;
			count[i] = last - first + 1;
			for (int k = first; k <= last; k++) {
				weights[i * ksize + k - first] = (float) taps[k];
				fixed[i * ksize + k - first] = toFixed(taps[k]);
			}
		}
		maxOverlap = overlap(inSize, start, count);
	}

	/**
	 * @param inSize samples along the axis in the source, at least 1
	 * @param outSize samples along the axis in the result, at least 1
	 * @return the taps, shared: never modify them
	 */
	static ResampleWeights of(int inSize, int outSize) {
		if (inSize < 1 || outSize < 1) {
			throw new IllegalArgumentException("Sizes must be positive: " + inSize + " -> "
				+ outSize);
		}
		long key = ((long) inSize << 32) | outSize;
		ResampleWeights cached = CACHE.get(key);
		if (cached != null) {
			return cached;
		}
		if (CACHE.size() >= CACHE_LIMIT) {
			CACHE.clear();
		}
		ResampleWeights made = new ResampleWeights(inSize, outSize);
		CACHE.put(key, made);
		return made;
	}

	/** @return whether the resize along this axis is the identity (Pillow skips the pass) */
	boolean isIdentity() {
		return inSize == outSize;
	}

	private static double triangle(double x) {
		double a = Math.abs(x);
		return a < 1.0 ? 1.0 - a : 0.0;
	}

	private static int toFixed(double w) {
		double scaled = w * (1 << PRECISION_BITS);
		return (int) (w < 0 ? scaled - 0.5 : scaled + 0.5);
	}

	private static int overlap(int inSize, int[] start, int[] count) {
		int[] delta = new int[inSize + 1];
		for (int i = 0; i < start.length; i++) {
			delta[start[i]]++;
			delta[start[i] + count[i]]--;
		}
		int open = 0;
		int most = 1;
		for (int y = 0; y < inSize; y++) {
			open += delta[y];
			most = Math.max(most, open);
		}
		return most;
	}
}
