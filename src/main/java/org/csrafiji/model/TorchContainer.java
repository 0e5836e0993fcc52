package org.csrafiji.model;

import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A torch module that only groups named children (e.g. a ViT block's "attn" with qkv and
 * proj); its owner runs the children itself, so it has no forward of its own.
 */
final class TorchContainer extends TorchBlock {

	/**
	 * @param name attribute name
	 * @param block the child
	 * @param <B> its type
	 * @return the child
	 */
	<B extends Block> B add(String name, B block) {
		return child(name, block);
	}

	@Override
	protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
		PairList<String, Object> params)
	{
		throw new UnsupportedOperationException(
			"a container of named modules is not run as a whole");
	}
}
