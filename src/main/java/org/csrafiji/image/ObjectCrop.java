package org.csrafiji.image;

import java.awt.Rectangle;

/**
 * The rectangle an object is classified in: its bounding box grown by a context margin on
 * every side, then made square by growing the shorter side with more of the surrounding
 * image (never by stretching). A crop that would reach over the image's edge is shifted
 * inside it, as edge tiles are; only a crop larger than the image is clipped and left
 * non-square, and there {@link Fit#PAD} keeps its aspect ratio.
 *
 * @param margin context on each side, as a fraction of the object's longer side (0.5 adds
 *          half the object on every side)
 * @param minimumSide the smallest crop side in image pixels before clipping (e.g. the model's
 *          input size, to see small objects at native resolution), 0 for none
 */
public record ObjectCrop(double margin, int minimumSide) {

	/** Checks the values. */
	public ObjectCrop {
		if (!(margin >= 0) || !Double.isFinite(margin)) {
			throw new IllegalArgumentException("The context margin must be 0 or more (a fraction of"
				+ " the object's size), not " + margin + ".");
		}
		if (minimumSide < 0) {
			throw new IllegalArgumentException("The minimum crop side must be 0 or more, not "
				+ minimumSide + ".");
		}
	}

	/**
	 * @param bounds the object's bounding box
	 * @param width the image width
	 * @param height the image height
	 * @return the crop, inside the image, never empty
	 * @throws IllegalArgumentException when the object lies outside the image
	 */
	public Rectangle of(Rectangle bounds, int width, int height) {
		Rectangle image = new Rectangle(0, 0, width, height);
		if (bounds.isEmpty() || !bounds.intersects(image)) {
			throw new IllegalArgumentException("The object at " + bounds.x + "," + bounds.y + " ("
				+ bounds.width + " x " + bounds.height + ") lies outside the " + width + " x "
				+ height + " image.");
		}
		int longer = Math.max(bounds.width, bounds.height);
		long side = Math.max(minimumSide, Math.round(longer * (1 + 2 * margin)));
		side = Math.min(side, (long) Math.max(width, height) * 2);
		double cx = bounds.x + bounds.width / 2.0;
		double cy = bounds.y + bounds.height / 2.0;
		int x = shiftedInside((int) Math.round(cx - side / 2.0), (int) side, width);
		int y = shiftedInside((int) Math.round(cy - side / 2.0), (int) side, height);
		return new Rectangle(x, y, (int) side, (int) side).intersection(image);
	}

	private static int shiftedInside(int start, int side, int extent) {
		return side >= extent ? start : Math.max(0, Math.min(start, extent - side));
	}
}
