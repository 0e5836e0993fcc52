package org.csrafiji.image;

/** Rows of one float plane as they are: no window, no clamping (Pillow's 'F' mode). */
final class RawFloatRows implements FloatRows {

	private final float[] plane;
	private final Crop crop;

	/**
	 * @param plane the whole image, row-major
	 * @param crop the part read
	 */
	RawFloatRows(float[] plane, Crop crop) {
		this.plane = plane;
		this.crop = crop;
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
		return 1;
	}

	@Override
	public void read(int y, float[][] dst) {
		System.arraycopy(plane, crop.offset(y), dst[0], 0, crop.width());
	}
}
