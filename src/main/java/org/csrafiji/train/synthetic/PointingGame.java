package org.csrafiji.train.synthetic;

/**
 * The pointing game on one attention map: the map's maximum, upsampled to the image, must fall
 * on the object. With bilinear upsampling the maximum of the upsampled map lies at the centre
 * of the arg-max feature cell, so that centre is the point; it counts as a hit when a mask
 * pixel lies within one feature cell of it (Chebyshev distance at most one cell's side), the
 * tolerance for the coarse feature grid. A stricter variant takes half a cell: the mask must
 * reach into the arg-max cell itself.
 */
public final class PointingGame {

	private PointingGame() {}

	/**
	 * @param attention row-major attention map, gridH x gridW
	 * @param gridH feature rows
	 * @param gridW feature columns
	 * @param mask row-major object mask, size x size
	 * @param size image side
	 * @return whether the attention points at the object
	 */
	public static boolean hit(float[] attention, int gridH, int gridW, boolean[] mask, int size) {
		return hit(attention, gridH, gridW, mask, size, 1);
	}

	/**
	 * @param attention row-major attention map, gridH x gridW
	 * @param gridH feature rows
	 * @param gridW feature columns
	 * @param mask row-major object mask, size x size
	 * @param size image side
	 * @param cells tolerance in feature cells (1: the floor's; 0.5: inside the arg-max cell)
	 * @return whether the attention points at the object
	 */
	public static boolean hit(float[] attention, int gridH, int gridW, boolean[] mask, int size,
		double cells)
	{
		int best = 0;
		for (int i = 1; i < attention.length; i++) {
			if (attention[i] > attention[best]) {
				best = i;
			}
		}
		double cellW = (double) size / gridW;
		double cellH = (double) size / gridH;
		double tolW = cellW * cells;
		double tolH = cellH * cells;
		double cx = (best % gridW + 0.5) * cellW;
		double cy = (best / gridW + 0.5) * cellH;
		int x0 = (int) Math.max(0, Math.floor(cx - tolW));
		int x1 = (int) Math.min(size - 1, Math.ceil(cx + tolW));
		int y0 = (int) Math.max(0, Math.floor(cy - tolH));
		int y1 = (int) Math.min(size - 1, Math.ceil(cy + tolH));
		for (int y = y0; y <= y1; y++) {
			for (int x = x0; x <= x1; x++) {
				if (mask[y * size + x] && Math.abs(x + 0.5 - cx) <= tolW
					&& Math.abs(y + 0.5 - cy) <= tolH)
				{
					return true;
				}
			}
		}
		return false;
	}
}
