package org.csrafiji.image;

/**
 * Pillow's exact 8-bit BILINEAR resize for one band of output rows, in Pillow's order:
 * each source row is filtered horizontally in 22-bit fixed point and rounded to 8 bits,
 * then the vertical pass adds those rows, still in fixed point, and rounds once more.
 * Integer sums do not depend on the order of the adds, so streaming the rows gives
 * Pillow's results bit for bit.
 */
final class Uint8Stage implements RowSweep.Stage {

	private final Uint8Rows source;
	private final ResampleWeights across;
	private final ResampleWeights down;
	private final int[][] raw;
	private final int[][] row;
	private final int[][][] acc;
	private final byte[][] dst;
	private final int outWidth;

	Uint8Stage(Uint8Rows source, ResampleWeights across, ResampleWeights down, byte[][] dst) {
		this.source = source;
		this.across = across;
		this.down = down;
		this.dst = dst;
		outWidth = across.outSize;
		int planes = source.planes();
		raw = new int[planes][source.width()];
		row = across.isIdentity() ? raw : new int[planes][outWidth];
		acc = new int[down.maxOverlap][planes][outWidth];
	}

	@Override
	public void load(int y) {
		source.read(y, raw);
		if (row == raw) {
			return;
		}
		if (raw.length == 3) {
			filterRows3(raw[0], raw[1], raw[2]);
		}
		else {
			for (int p = 0; p < raw.length; p++) {
				filterRow(raw[p], row[p]);
			}
		}
	}

	@Override
	public void accumulate(int slot, int yy, int tap, boolean first) {
		int k = down.fixed[yy * down.stride + tap];
		for (int p = 0; p < row.length; p++) {
			int[] a = acc[slot][p];
			int[] r = row[p];
			if (first) {
				for (int x = 0; x < outWidth; x++) {
					a[x] = ResampleWeights.ROUNDING + k * r[x];
				}
			}
			else {
				for (int x = 0; x < outWidth; x++) {
					a[x] += k * r[x];
				}
			}
		}
	}

	@Override
	public void emit(int slot, int yy) {
		int offset = yy * outWidth;
		for (int p = 0; p < row.length; p++) {
			int[] a = acc[slot][p];
			byte[] out = dst[p];
			for (int x = 0; x < outWidth; x++) {
				out[offset + x] = (byte) clip8(a[x]);
			}
		}
	}

	private void filterRow(int[] in, int[] out) {
		int[] start = across.start;
		int[] count = across.count;
		int[] k = across.fixed;
		int stride = across.stride;
		for (int xx = 0; xx < outWidth; xx++) {
			int s = start[xx];
			int n = count[xx];
			int k0 = xx * stride;
			int sum = ResampleWeights.ROUNDING;
			for (int i = 0; i < n; i++) {
				sum += in[s + i] * k[k0 + i];
			}
			out[xx] = clip8(sum);
		}
	}

	/** {@link #filterRow} for three planes at once: one pass over the taps for R, G and B. */
	private void filterRows3(int[] r, int[] g, int[] b) {
		int[] start = across.start;
		int[] count = across.count;
		int[] k = across.fixed;
		int stride = across.stride;
		int[] outR = row[0];
		int[] outG = row[1];
		int[] outB = row[2];
		for (int xx = 0; xx < outWidth; xx++) {
			int s = start[xx];
			int n = count[xx];
			int k0 = xx * stride;
			int sumR = ResampleWeights.ROUNDING;
			int sumG = sumR;
			int sumB = sumR;
			for (int i = 0; i < n; i++) {
				int w = k[k0 + i];
				sumR += r[s + i] * w;
				sumG += g[s + i] * w;
				sumB += b[s + i] * w;
			}
			outR[xx] = clip8(sumR);
			outG[xx] = clip8(sumG);
			outB[xx] = clip8(sumB);
		}
	}

	/** Pillow's {@code clip8}: the integer part of a fixed-point sum, clamped to 0..255. */
	static int clip8(int fixedPoint) {
		int v = fixedPoint >> ResampleWeights.PRECISION_BITS;
		return v < 0 ? 0 : (v > 255 ? 255 : v);
	}
}
