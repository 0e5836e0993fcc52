package org.csrafiji.eval;

import org.csrafiji.core.DatasetException;

/**
 * A region of an image in pixels, as WIDER-Attribute gives each person: the top-left corner
 * and the size. The classifier sees the crop {@code [x, x + width) x [y, y + height)}.
 *
 * @param x left edge
 * @param y top edge
 * @param width width, positive
 * @param height height, positive
 */
public record CropBox(double x, double y, double width, double height) {

	/** Checks that the box is finite and not empty. */
	public CropBox {
		if (!(Double.isFinite(x) && Double.isFinite(y) && width > 0 && height > 0
			&& Double.isFinite(width) && Double.isFinite(height)))
		{
			throw new DatasetException("Crop box [" + x + ", " + y + ", " + width + ", " + height
				+ "] is not a box: give [x, y, width, height] with a positive width and height.");
		}
	}
}
