package org.csrafiji.image;

/**
 * Rows of 32-bit planes (ImageJ's {@code float[]} pixels) inside a crop, mapped to [0, 1]
 * through one {@link IntensityWindow} per plane; NaN and -Infinity become 0, +Infinity 1.
 */
final class FloatWindowRows extends WindowedRows {

	private final float[][] planes;

	/**
	 * @param planes whole-image pixel arrays, one per plane
	 * @param windows the intensity window of each plane
	 * @param crop the part read
	 */
	FloatWindowRows(float[][] planes, IntensityWindow[] windows, Crop crop) {
		super(windows, crop);
		this.planes = planes.clone();
	}

	@Override
	void readPlane(int plane, int offset, float[] out, float low, float scale) {
		float[] src = planes[plane];
		int width = width();
		for (int x = 0; x < width; x++) {
			out[x] = IntensityWindow.clamp((src[offset + x] - low) * scale);
		}
	}
}
