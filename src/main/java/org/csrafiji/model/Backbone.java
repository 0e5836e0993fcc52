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
}
