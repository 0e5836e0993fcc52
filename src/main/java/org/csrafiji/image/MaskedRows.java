package org.csrafiji.image;

/**
 * Row sources whose pixels outside an {@link ImageMask} read as the mean of those pixels
 * over the crop, plane by plane. The mean takes one extra pass over the crop's rows, which
 * are only an object's surroundings.
 */
final class MaskedRows {

	private MaskedRows() {}

	/** @return 8-bit rows with the outside filled by its rounded mean */
	static Uint8Rows of(Uint8Rows rows, Crop crop, ImageMask mask) {
		int planes = rows.planes();
		int[][] row = new int[planes][rows.width()];
		double[] sum = new double[planes];
		long n = 0;
		for (int y = 0; y < rows.height(); y++) {
			rows.read(y, row);
			for (int x = 0; x < rows.width(); x++) {
				if (!mask.contains(crop.x() + x, crop.y() + y)) {
					n++;
					for (int p = 0; p < planes; p++) {
						sum[p] += row[p][x];
					}
				}
			}
		}
		int[] fill = new int[planes];
		for (int p = 0; p < planes; p++) {
			fill[p] = n == 0 ? 0 : (int) Math.round(sum[p] / n);
		}
		return new Uint8Rows() {

			@Override
			public int width() {
				return rows.width();
			}

			@Override
			public int height() {
				return rows.height();
			}

			@Override
			public int planes() {
				return planes;
			}

			@Override
			public void read(int y, int[][] dst) {
				rows.read(y, dst);
				for (int x = 0; x < rows.width(); x++) {
					if (!mask.contains(crop.x() + x, crop.y() + y)) {
						for (int p = 0; p < planes; p++) {
							dst[p][x] = fill[p];
						}
					}
				}
			}
		};
	}

	/** @return [0, 1] rows with the outside filled by its mean */
	static FloatRows of(FloatRows rows, Crop crop, ImageMask mask) {
		int planes = rows.planes();
		float[][] row = new float[planes][rows.width()];
		double[] sum = new double[planes];
		long n = 0;
		for (int y = 0; y < rows.height(); y++) {
			rows.read(y, row);
			for (int x = 0; x < rows.width(); x++) {
				if (!mask.contains(crop.x() + x, crop.y() + y)) {
					n++;
					for (int p = 0; p < planes; p++) {
						sum[p] += row[p][x];
					}
				}
			}
		}
		float[] fill = new float[planes];
		for (int p = 0; p < planes; p++) {
			fill[p] = n == 0 ? 0 : (float) (sum[p] / n);
		}
		return new FloatRows() {

			@Override
			public int width() {
				return rows.width();
			}

			@Override
			public int height() {
				return rows.height();
			}

			@Override
			public int planes() {
				return planes;
			}

			@Override
			public void read(int y, float[][] dst) {
				rows.read(y, dst);
				for (int x = 0; x < rows.width(); x++) {
					if (!mask.contains(crop.x() + x, crop.y() + y)) {
						for (int p = 0; p < planes; p++) {
							dst[p][x] = fill[p];
						}
					}
				}
			}
		};
	}
}
