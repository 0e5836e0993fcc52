package org.csrafiji.image;

/**
 * Rows of 16-bit planes (ImageJ's unsigned {@code short[]} pixels) inside a crop, mapped
 * to [0, 1] through one {@link IntensityWindow} per plane.
 */
final class ShortRows implements FloatRows {

	private final short[][] planes;
	private final float[] offsets;
	private final float[] scales;
	private final Crop crop;

	/**
	 * @param planes whole-image pixel arrays, one per plane
	 * @param windows the intensity window of each plane
	 * @param crop the part read
	 */
	ShortRows(short[][] planes, IntensityWindow[] windows, Crop crop) {
		this.planes = planes.clone();
		this.crop = crop;
		offsets = new float[planes.length];
		scales = new float[planes.length];
		for (int p = 0; p < planes.length; p++) {
			offsets[p] = windows[p].offset();
			// integer steps are >= 1, so a finite factor of 2 makes a degenerate window a step
			scales[p] = Float.isInfinite(windows[p].scale()) ? 2f : windows[p].scale();
		}
	}

	@Override
	public int width() {
		return crop.width();
	}

	@Override
	public int height() {
		return crop.height();
	}

	@Override
	public int planes() {
		return planes.length;
	}

	@Override
	public void read(int y, float[][] dst) {
		int offset = crop.offset(y);
		int width = crop.width();
		for (int p = 0; p < planes.length; p++) {
			short[] src = planes[p];
			float[] out = dst[p];
			float low = offsets[p];
			float scale = scales[p];
			for (int x = 0; x < width; x++) {
				float v = ((src[offset + x] & 0xffff) - low) * scale;
				out[x] = Math.min(Math.max(v, 0f), 1f);
			}
		}
	}
}
