package org.csrafiji.image;

/** Rows of one float plane as they are: no window, no clamping (Pillow's 'F' mode). */
final class RawFloatRows extends CroppedRows implements FloatRows {

	private final float[] plane;

	/**
	 * @param plane the whole image, row-major
	 * @param crop the part read
	 */
	RawFloatRows(float[] plane, Crop crop) {
		super(crop);
		this.plane = plane;
	}

	@Override
	public int planes() {
		return 1;
	}

	@Override
	public void read(int y, float[][] dst) {
		System.arraycopy(plane, crop.offset(y), dst[0], 0, width());
	}
}
