package org.csrafiji.fiji.command;

import ij.ImagePlus;

import org.scijava.plugin.Parameter;

/**
 * A CSRA command on parts of an open image's current plane (tiles, objects): adds the image,
 * the batch size, and which channels feed the model and how their intensities are windowed.
 */
abstract class RegionCommand extends CsraCommand {

	@Parameter(label = "Image", persist = false)
	private ImagePlus image;

	@Parameter(label = "Channels to R,G,B (e.g. 2 or 2,1,0; empty = as the model says)", required = false, persist = false)
	private String channels = "";

	@Parameter(label = "Percentiles low,high (e.g. 1,99.8; empty = scaling above)", required = false, persist = false)
	private String percentiles = "";

	@Parameter(label = "Batch size", min = "1", persist = false)
	private int batch = 8;

	/** @return the image, or null when none is open */
	protected ImagePlus image() {
		return image;
	}

	/** @return the channel choice, empty for the model's */
	protected String channels() {
		return channels;
	}

	/** @return the percentile choice, empty for none */
	protected String percentiles() {
		return percentiles;
	}

	/** @return items per forward pass */
	protected int batch() {
		return batch;
	}
}
