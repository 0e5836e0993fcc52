package org.csrafiji.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * torch.nn.Linear: "weight" (out, in) and "bias" (out); y = x W^T + b over the last axis.
 */
public final class LinearModule extends TorchBlock {

	private final Parameter weight;
	private final Parameter bias;

	/**
	 * @param in input features
	 * @param out output features
	 */
	public LinearModule(int in, int out) {
		weight = param("weight", Parameter.Type.WEIGHT, new Shape(out, in));
		bias = param("bias", Parameter.Type.BIAS, new Shape(out));
	}

	@Override
	protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
		PairList<String, Object> params)
	{
		NDArray x = inputs.singletonOrThrow();
		return Linear.linear(x, value(store, weight, x, training), value(store, bias, x,
			training));
	}
}
