package org.csrafiji.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

import org.csrafiji.core.ModelSpecException;

/**
 * Helpers shared by the heads: the one-hot attention of max pooling, and the check that a
 * feature map has the width the head was built for.
 */
final class HeadOutputs {

	private HeadOutputs() {}

	/**
	 * @param s scores (..., K)
	 * @return 1 at the first location of the maximum along the last axis, 0 elsewhere
	 */
	static NDArray oneHotArgmax(NDArray s) {
		int last = s.getShape().dimension() - 1;
		int k = (int) s.getShape().get(last);
		return s.argMax(last).oneHot(k, DataType.FLOAT32);
	}

	static void checkWidth(NDArray x, int width) {
		if (x.getShape().dimension() != 4 || x.getShape().get(1) != width) {
			throw new ModelSpecException("The head expects a feature map (B, " + width
				+ ", h, w) but the backbone gives " + x.getShape()
				+ "; the head's weights do not fit this backbone: choose the matching architecture.");
		}
	}
}
