package org.csrafiji.image;

import java.awt.Rectangle;

/**
 * A rectangle of a row-major pixel array: where row {@code y} of the rectangle starts.
 *
 * @param imageWidth width of the whole array's image (its row stride)
 * @param x left edge of the rectangle in the image
 * @param y top edge of the rectangle in the image
 * @param width rectangle width
 * @param height rectangle height
 */
record Crop(int imageWidth, int x, int y, int width, int height) {

	/** @param imageWidth the stride; @param r the rectangle, inside the image */
	static Crop of(int imageWidth, Rectangle r) {
		return new Crop(imageWidth, r.x, r.y, r.width, r.height);
	}

	/** @return the whole of a {@code width x height} image */
	static Crop whole(int width, int height) {
		return new Crop(width, 0, 0, width, height);
	}

	/** @return index in the array of the first pixel of the rectangle's row {@code row} */
	int offset(int row) {
		return (y + row) * imageWidth + x;
	}
}
