package org.csrafiji.fiji.command;

import ij.ImagePlus;

import org.csrafiji.fiji.ClassifySettings;
import org.scijava.plugin.Parameter;

/**
 * A CSRA command on an open image (the active one in Fiji; in a macro, given by title):
 * adds the image and whether to classify only the selection's bounding box.
 */
abstract class ImageCommand extends CsraCommand {

	@Parameter(label = "Image", persist = false)
	private ImagePlus image;

	@Parameter(label = "Classify the selection only", persist = false)
	private boolean use_selection = true;

	/** @return the image, or null when none is open */
	protected ImagePlus image() {
		return image;
	}

	/** @return the settings, with this command's selection choice */
	protected ClassifySettings settings() {
		return settings(use_selection);
	}
}
