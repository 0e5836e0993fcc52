package org.csrafiji.train.synthetic;

import java.awt.Rectangle;

/**
 * One object of a {@link SyntheticSlide}.
 *
 * @param kind its class
 * @param bounds its bounding box on the slide
 * @param mask row-major over {@code bounds}, true where the object is
 */
public record SlideObject(ShapeKind kind, Rectangle bounds, boolean[] mask) {

	/** Checks and copies. */
	public SlideObject {
		bounds = new Rectangle(bounds);
		if (mask.length != bounds.width * bounds.height) {
			throw new IllegalArgumentException("mask of " + mask.length + " for " + bounds);
		}
		mask = mask.clone();
	}

	@Override
	public Rectangle bounds() {
		return new Rectangle(bounds);
	}

	@Override
	public boolean[] mask() {
		return mask.clone();
	}

	/** @return pixels of the object */
	public long area() {
		return pixelsIn(bounds);
	}

	/**
	 * @param r a rectangle of the slide
	 * @return pixels of the object inside it
	 */
	public long pixelsIn(Rectangle r) {
		Rectangle common = r.intersection(bounds);
		long n = 0;
		for (int y = common.y; y < common.y + common.height; y++) {
			for (int x = common.x; x < common.x + common.width; x++) {
				if (mask[(y - bounds.y) * bounds.width + x - bounds.x]) {
					n++;
				}
			}
		}
		return n;
	}
}
