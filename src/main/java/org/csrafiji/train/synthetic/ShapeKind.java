package org.csrafiji.train.synthetic;

import java.awt.Shape;
import java.awt.geom.Area;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.util.Locale;

/** The object kinds of the synthetic set, one class each, in class order. */
public enum ShapeKind {

	/** A filled disc. */
	CIRCLE,
	/** A filled axis-aligned square. */
	SQUARE,
	/** A filled upward triangle. */
	TRIANGLE,
	/** A plus sign. */
	CROSS,
	/** An annulus (a disc with a hole). */
	RING;

	/** @return the class name, lower case */
	public String label() {
		return name().toLowerCase(Locale.ROOT);
	}

	/**
	 * @param x left of the bounding box
	 * @param y top
	 * @param d side of the bounding box
	 * @return the outline, for drawing and for the mask
	 */
	public Shape outline(double x, double y, double d) {
		switch (this) {
			case CIRCLE:
				return new Ellipse2D.Double(x, y, d, d);
			case SQUARE:
				return new Rectangle2D.Double(x + d * 0.1, y + d * 0.1, d * 0.8, d * 0.8);
			case TRIANGLE: {
				Path2D.Double p = new Path2D.Double();
				p.moveTo(x + d / 2, y);
				p.lineTo(x + d, y + d);
				p.lineTo(x, y + d);
				p.closePath();
				return p;
			}
			case CROSS: {
				Area a = new Area(new Rectangle2D.Double(x + d * 0.35, y, d * 0.3, d));
				a.add(new Area(new Rectangle2D.Double(x, y + d * 0.35, d, d * 0.3)));
				return a;
			}
			default: {
				Area a = new Area(new Ellipse2D.Double(x, y, d, d));
				a.subtract(new Area(new Ellipse2D.Double(x + d * 0.28, y + d * 0.28, d * 0.44, d
					* 0.44)));
				return a;
			}
		}
	}
}
