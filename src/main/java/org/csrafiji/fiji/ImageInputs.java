package org.csrafiji.fiji;

import org.csrafiji.app.ClassifiedImage;
import ij.ImagePlus;

import org.csrafiji.app.ClassifiedImage;
import org.csrafiji.core.ImageInputException;

/** Checks shared by the commands that take an open image. */
final class ImageInputs {

	private ImageInputs() {}

	static void require(ImagePlus imp) {
		if (imp == null || imp.getProcessor() == null) {
			throw new ImageInputException("No image is open; open an image (or select one) and"
				+ " run the command again.");
		}
	}

	static void reportCancel(ClassifiedImage ci, Feedback feedback) {
		if (!ci.complete()) {
			feedback.warn("CSRA: cancelled; " + ci.slices().size() + " slice(s) of "
				+ ci.image().getTitle() + " were classified.");
		}
	}
}
