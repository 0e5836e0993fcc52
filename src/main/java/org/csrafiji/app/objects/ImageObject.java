package org.csrafiji.app.objects;

import java.awt.Rectangle;

import org.csrafiji.image.ImageMask;

/**
 * One object to classify.
 *
 * @param name the ROI's name, or the label number of a label image
 * @param bounds its bounding box in the image
 * @param centroidX x of its centroid (pixel centres at .5)
 * @param centroidY y of its centroid
 * @param area its area in pixels
 * @param mask its pixels, in image coordinates
 */
public record ImageObject(String name, Rectangle bounds, double centroidX, double centroidY,
	long area, ImageMask mask)
{

	/** Copies the bounds. */
	public ImageObject {
		bounds = new Rectangle(bounds);
	}

	@Override
	public Rectangle bounds() {
		return new Rectangle(bounds);
	}
}
