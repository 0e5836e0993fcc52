package org.csrafiji.model;

import ai.djl.nn.Block;

/**
 * A block that maps an image batch (B, 3, S, S) to a feature map (B, d, h, w).
 */
public interface Backbone extends Block {

	/** @return d, the number of feature channels */
	int featureWidth();

	/**
	 * Prepares the weights for fast inference (e.g. folds batch norms into convolutions).
	 * Called once after weights are loaded, never on a network that is being trained.
	 */
	void prepareInference();

	/**
	 * The largest intermediate array one image makes on its way through the backbone, which
	 * decides how many images one CPU pass should take (see
	 * {@code org.csrafiji.runtime.CsraModel}).
	 *
	 * @param size side of the input images
	 * @return its size in bytes, or -1 when the backbone cannot tell (a TorchScript module)
	 */
	long largestActivationBytes(int size);
}
