package org.csrafiji.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * torch.nn.Sequential: children named "0", "1", ... run in order.
 */
public final class TorchSequence extends TorchBlock {

	/**
	 * @param block the next child
	 * @param <B> its type
	 * @return the child
	 */
	public <B extends Block> B append(B block) {
		return child(String.valueOf(children.size()), block);
	}

	@Override
	protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
		PairList<String, Object> params)
	{
		NDList x = inputs;
		for (Block b : children.values()) {
			x = b.forward(store, x, training);
		}
		return x;
	}

	/**
	 * @param store parameter store
	 * @param x input
	 * @param training training pass
	 * @return the output of the last child
	 */
	public NDArray apply(ParameterStore store, NDArray x, boolean training) {
		return run(this, store, x, training);
	}
}
