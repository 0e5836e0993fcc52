package org.csrafiji.image;

/**
 * Rows of 16-bit planes (ImageJ's unsigned {@code short[]} pixels) inside a crop, mapped
 * to [0, 1] through one {@link IntensityWindow} per plane.
 */
final class ShortRows extends WindowedRows {

	private final short[][] planes;

	/**
	 * @param planes whole-image pixel arrays, one per plane
	 * @param windows the intensity window of each plane
	 * @param crop the part read
	 */
	ShortRows(short[][] planes, IntensityWindow[] windows, Crop crop) {
		super(windows, crop);
		this.planes = planes.clone();
	}

	/** Integer steps are at least 1, so a finite factor of 2 turns a degenerate window into a step. */
	@Override
	float scale(IntensityWindow window) {
		float scale = window.scale();
		return Float.isInfinite(scale) ? 2f : scale;
	}

	@Override
	void readPlane(int plane, int offset, float[] out, float low, float scale) {
		short[] src = planes[plane];
		int width = width();
		for (int x = 0; x < width; x++) {
			float v = ((src[offset + x] & 0xffff) - low) * scale;
			out[x] = Math.min(Math.max(v, 0f), 1f);
		}
	}
}
