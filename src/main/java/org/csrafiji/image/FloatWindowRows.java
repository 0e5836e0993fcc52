package org.csrafiji.image;

/**
 * Rows of 32-bit planes (ImageJ's {@code float[]} pixels) inside a crop, mapped to [0, 1]
 * through one {@link IntensityWindow} per plane; NaN and -Infinity become 0, +Infinity 1.
 */
final class FloatWindowRows extends CroppedRows implements FloatRows {

	private final float[][] planes;
	private final float[] offsets;
	private final float[] scales;

	/**
	 * @param planes whole-image pixel arrays, one per plane
	 * @param windows the intensity window of each plane
	 * @param crop the part read
	 */
	FloatWindowRows(float[][] planes, IntensityWindow[] windows, Crop crop) {
		super(crop);
		this.planes = planes.clone();
		offsets = new float[planes.length];
		scales = new float[planes.length];
		for (int p = 0; p < planes.length; p++) {
			offsets[p] = windows[p].offset();
			scales[p] = windows[p].scale();
		}
	}

	@Override
	public int planes() {
		return planes.length;
	}

	@Override
	public void read(int y, float[][] dst) {
		int offset = crop.offset(y);
		int width = width();
		for (int p = 0; p < planes.length; p++) {
			float[] src = planes[p];
			float[] out = dst[p];
			float low = offsets[p];
			float scale = scales[p];
			for (int x = 0; x < width; x++) {
				out[x] = IntensityWindow.clamp((src[offset + x] - low) * scale);
			}
		}
	}
}
