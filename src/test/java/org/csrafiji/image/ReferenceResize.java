package org.csrafiji.image;

import java.util.function.IntToDoubleFunction;

/**
 * An independent, deliberately plain reference for the tests: Pillow's BILINEAR filter
 * written from its definition, in double precision. For output sample o of an axis from
 * n to m samples, with s = n / m: centre c = (o + 0.5) s, width f = max(s, 1), weight of
 * input i = max(0, 1 - |i + 0.5 - c| / f), normalised to sum 1. Rows first, then columns.
 */
final class ReferenceResize {

	/** Sparse taps of one axis: for each output, first input and weights. */
	private record Taps(int[] first, double[][] weights) {}

	private ReferenceResize() {}

	/**
	 * @param src row-major values, {@code w * h}
	 * @return the resized plane, row-major
	 */
	static double[] resize(double[] src, int w, int h, int dw, int dh) {
		return resize(i -> src[i], w, h, dw, dh);
	}

	/**
	 * @param src the value at row-major index i, computed on demand (no full-size copy)
	 * @return the resized plane, row-major
	 */
	static double[] resize(IntToDoubleFunction src, int w, int h, int dw, int dh) {
		Taps across = taps(w, dw);
		Taps down = taps(h, dh);
		double[] rows = new double[h * dw];
		for (int y = 0; y < h; y++) {
			for (int o = 0; o < dw; o++) {
				double sum = 0;
				double[] k = across.weights()[o];
				for (int j = 0; j < k.length; j++) {
					sum += k[j] * src.applyAsDouble(y * w + across.first()[o] + j);
				}
				rows[y * dw + o] = sum;
			}
		}
		double[] out = new double[dh * dw];
		for (int o = 0; o < dh; o++) {
			double[] k = down.weights()[o];
			for (int x = 0; x < dw; x++) {
				double sum = 0;
				for (int j = 0; j < k.length; j++) {
					sum += k[j] * rows[(down.first()[o] + j) * dw + x];
				}
				out[o * dw + x] = sum;
			}
		}
		return out;
	}

	private static Taps taps(int n, int m) {
		double s = (double) n / m;
		double f = Math.max(s, 1);
		int[] first = new int[m];
		double[][] weights = new double[m][];
		for (int o = 0; o < m; o++) {
			double c = (o + 0.5) * s;
			int lo = Math.max(0, (int) Math.floor(c - f - 1));
			int hi = Math.min(n - 1, (int) Math.ceil(c + f + 1));
			double[] w = new double[hi - lo + 1];
			double total = 0;
			for (int i = lo; i <= hi; i++) {
				w[i - lo] = Math.max(0, 1 - Math.abs(i + 0.5 - c) / f);
				total += w[i - lo];
			}
			for (int j = 0; j < w.length; j++) {
				w[j] /= total;
			}
			first[o] = lo;
			weights[o] = w;
		}
		return new Taps(first, weights);
	}
}
