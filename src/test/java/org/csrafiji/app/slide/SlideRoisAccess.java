package org.csrafiji.app.slide;

import ij.gui.Roi;

import org.csrafiji.train.synthetic.SlideObject;

/** Opens {@link SlideRois} to tests of other packages. */
public final class SlideRoisAccess {

	private SlideRoisAccess() {}

	/** @param o the object @param name its name @return its traced ROI */
	public static Roi of(SlideObject o, String name) {
		return SlideRois.of(o, name);
	}
}
