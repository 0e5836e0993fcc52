package org.csrafiji.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * torch.nn.LayerNorm over the last axis: "weight" and "bias" (width), with its epsilon
 * (1e-6 in timm's ViT).
 */
public final class LayerNormModule extends TorchBlock {

	private final int width;
	private final float eps;
	private final Parameter weight;
	private final Parameter bias;

	/**
	 * @param width size of the normalised (last) axis
	 * @param eps added to the variance
	 */
	public LayerNormModule(int width, float eps) {
		this.width = width;
		this.eps = eps;
		weight = param("weight", Parameter.Type.GAMMA, new Shape(width));
		bias = param("bias", Parameter.Type.BETA, new Shape(width));
	}

	@Override
	protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
		PairList<String, Object> params)
	{
		NDArray x = inputs.singletonOrThrow();
		return LayerNorm.layerNorm(x, new Shape(width), value(store, weight, x, training), value(
			store, bias, x, training), eps);
	}
}
