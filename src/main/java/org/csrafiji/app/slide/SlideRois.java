package org.csrafiji.app.slide;

import ij.ImagePlus;
import ij.gui.Roi;
import ij.plugin.filter.ThresholdToSelection;
import ij.process.ByteProcessor;
import ij.process.ImageProcessor;

import java.awt.Rectangle;

import org.csrafiji.train.synthetic.SlideObject;

/** The ImageJ ROI tracing a slide object's own pixels. */
final class SlideRois {

	private SlideRois() {}

	/**
	 * @param o the object
	 * @param name the ROI's name
	 * @return a ROI outlining exactly the object's pixels, in slide coordinates
	 */
	static Roi of(SlideObject o, String name) {
		Rectangle b = o.bounds();
		boolean[] mask = o.mask();
		ByteProcessor bp = new ByteProcessor(b.width, b.height);
		for (int i = 0; i < mask.length; i++) {
			if (mask[i]) {
				bp.set(i, 255);
			}
		}
		bp.setThreshold(255, 255, ImageProcessor.NO_LUT_UPDATE);
		Roi roi = ThresholdToSelection.run(new ImagePlus("mask", bp));
		Rectangle r = roi.getBounds();
		roi.setLocation(b.x + r.x, b.y + r.y);
		roi.setName(name);
		return roi;
	}
}
