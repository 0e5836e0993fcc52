package org.csrafiji.model;

import ai.djl.nn.Block;

import org.csrafiji.core.Temperature;

import java.util.List;

/**
 * A block that maps a feature map (B, d, h, w) to an {@link ai.djl.ndarray.NDList} of three arrays: logits
 * (B, C), per-location class score maps (B, H, C, h, w) and the attention weights each head
 * puts on each location (B, H, C, h, w), H being the number of heads.
 */
public interface ClassificationHead extends Block {

	/** @return number of classes */
	int classes();

	/** @return feature width the head expects */
	int featureWidth();

	/** @return one temperature per head */
	List<Temperature> temperatures();
}
