package org.csrafiji.app.objects;

import java.awt.Rectangle;

/**
 * One object to classify.
 *
 * @param name the ROI's name, or the label number of a label image
 * @param bounds its bounding box in the image
 * @param centroidX x of its centroid (pixel centres at .5)
 * @param centroidY y of its centroid
 * @param area its area in pixels
 */
public record ImageObject(String name, Rectangle bounds, double centroidX, double centroidY,
	long area)
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
