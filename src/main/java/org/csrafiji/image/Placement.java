package org.csrafiji.image;

/**
 * Where a resized rectangle lies inside the square model input.
 *
 * @param width its width in input pixels
 * @param height its height in input pixels
 * @param x its left edge in the input
 * @param y its top edge in the input
 */
record Placement(int width, int height, int x, int y) {

	/** @param size the input side @return the whole input */
	static Placement whole(int size) {
		return new Placement(size, size, 0, 0);
	}

	/**
	 * @param fit stretch or pad
	 * @param w source width
	 * @param h source height
	 * @param size the input side
	 * @return where a {@code w x h} rectangle goes: the whole input when stretched, else scaled
	 *         by {@code size / max(w, h)} (at least one pixel on a side) and centred
	 */
	static Placement of(Fit fit, int w, int h, int size) {
		if (fit == Fit.STRETCH || w == h) {
			return whole(size);
		}
		double scale = (double) size / Math.max(w, h);
		int pw = Math.max(1, Math.min(size, (int) Math.round(w * scale)));
		int ph = Math.max(1, Math.min(size, (int) Math.round(h * scale)));
		return new Placement(pw, ph, (size - pw) / 2, (size - ph) / 2);
	}

	/** @param size the input side @return whether this is the whole input */
	boolean isWhole(int size) {
		return width == size && height == size;
	}
}
