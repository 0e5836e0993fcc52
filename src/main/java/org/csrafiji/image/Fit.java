package org.csrafiji.image;

/**
 * How a rectangle that is not square becomes the model's square input.
 */
public enum Fit {

	/** Resized to size x size whatever its aspect ratio (the paper's whole-image behaviour). */
	STRETCH,

	/**
	 * Resized so that its longer side fills the input, keeping the aspect ratio, centred; the
	 * rest is filled with each channel's mean over the resized rectangle, a neutral value that
	 * adds no edge of its own.
	 */
	PAD
}
