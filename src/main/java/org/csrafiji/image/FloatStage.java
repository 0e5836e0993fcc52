package org.csrafiji.image;

/**
 * The floating-point resize for one band of output rows, vertical pass first: each source
 * row is converted once and added, with one vectorisable loop per tap, into the few output
 * rows that use it; a finished row is then filtered horizontally. Working memory is
 * {@code (maxOverlap + 1) x planes} source rows. In exact arithmetic the order of the two
 * passes does not matter, so the result equals Pillow's 'F' resize to float rounding.
 */
final class FloatStage implements RowSweep.Stage {

	private final FloatRows source;
	private final ResampleWeights across;
	private final ResampleWeights down;
	private final float[][] row;
	private final float[][][] acc;
	private final float[][] dst;
	private final int width;

	FloatStage(FloatRows source, ResampleWeights across, ResampleWeights down, float[][] dst) {
		this.source = source;
		this.across = across;
		this.down = down;
		this.dst = dst;
		width = source.width();
		int planes = source.planes();
		row = new float[planes][width];
		acc = new float[down.maxOverlap][planes][width];
	}

	@Override
	public void load(int y) {
		source.read(y, row);
	}

	@Override
	public void accumulate(int slot, int yy, int tap, boolean first) {
		float w = down.weights[yy * down.stride + tap];
		for (int p = 0; p < row.length; p++) {
			float[] a = acc[slot][p];
			float[] r = row[p];
			if (first) {
				for (int x = 0; x < width; x++) {
					a[x] = w * r[x];
				}
			}
			else {
				for (int x = 0; x < width; x++) {
					a[x] += w * r[x];
				}
			}
		}
	}

	@Override
	public void emit(int slot, int yy) {
		int outWidth = across.outSize;
		for (int p = 0; p < row.length; p++) {
			filterRow(acc[slot][p], dst[p], yy * outWidth);
		}
	}

	/** One row along x: four partial sums per output keep the adds independent. */
	private void filterRow(float[] in, float[] out, int offset) {
		int[] start = across.start;
		int[] count = across.count;
		float[] w = across.weights;
		int stride = across.stride;
		for (int xx = 0; xx < across.outSize; xx++) {
			int s = start[xx];
			int n = count[xx];
			int k0 = xx * stride;
			float s0 = 0;
			float s1 = 0;
			float s2 = 0;
			float s3 = 0;
			int k = 0;
			for (; k + 3 < n; k += 4) {
				s0 += w[k0 + k] * in[s + k];
				s1 += w[k0 + k + 1] * in[s + k + 1];
				s2 += w[k0 + k + 2] * in[s + k + 2];
				s3 += w[k0 + k + 3] * in[s + k + 3];
			}
			for (; k < n; k++) {
				s0 += w[k0 + k] * in[s + k];
			}
			out[offset + xx] = (s0 + s1) + (s2 + s3);
		}
	}
}
