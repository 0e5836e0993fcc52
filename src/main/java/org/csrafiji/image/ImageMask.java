package org.csrafiji.image;

/**
 * The pixels of an object, in image coordinates. Where a crop is read with a mask, the pixels
 * outside the object are replaced by their own mean (the local background), so that the
 * model sees the object alone and not its neighbours.
 */
@FunctionalInterface
public interface ImageMask {

	/**
	 * @param x image column
	 * @param y image row
	 * @return whether the pixel belongs to the object
	 */
	boolean contains(int x, int y);
}
