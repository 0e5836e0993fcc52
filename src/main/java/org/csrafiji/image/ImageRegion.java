package org.csrafiji.image;

import ij.ImagePlus;
import ij.gui.Roi;

import java.awt.Rectangle;

import org.csrafiji.core.ImageInputException;

/** The rectangle of an image that is classified, and the check that it is big enough. */
final class ImageRegion {

	private ImageRegion() {}

	/**
	 * @param imp the image, read only
	 * @param useSelection whether an area selection narrows the region to its bounding box
	 * @param minSide the smallest width and height accepted
	 * @return the bounding box of the area selection clipped to the image, when asked for
	 *         and present; else the whole image
	 * @throws ImageInputException when the region is empty or under {@code minSide} pixels
	 *           on a side
	 */
	static Rectangle of(ImagePlus imp, boolean useSelection, int minSide) {
		Rectangle whole = new Rectangle(0, 0, imp.getWidth(), imp.getHeight());
		Roi roi = useSelection ? imp.getRoi() : null;
		boolean selected = roi != null && roi.isArea();
		Rectangle region = selected ? roi.getBounds().intersection(whole) : whole;
		if (selected && region.isEmpty()) {
			throw new ImageInputException("The selection on '" + imp.getTitle()
				+ "' lies outside the image, so there is nothing to classify; draw the selection"
				+ " inside the image or remove it (Edit > Selection > Select None).");
		}
		if (region.width < minSide || region.height < minSide) {
			String what = selected
				? "The selection's bounding box on '" + imp.getTitle() + "'"
				: "Image '" + imp.getTitle() + "'";
			throw new ImageInputException(what + " is " + region.width + " x " + region.height
				+ " pixels; CSRA needs at least " + minSide + " x " + minSide
				+ " because smaller inputs carry no usable detail once resized. Use a larger "
				+ (selected ? "selection." : "image."));
		}
		return region;
	}
}
