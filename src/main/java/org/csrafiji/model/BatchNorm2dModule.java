package org.csrafiji.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * torch.nn.BatchNorm2d: "weight", "bias", "running_mean", "running_var" (eps 1e-5,
 * momentum 0.1). "num_batches_tracked" in a checkpoint is accepted and not needed.
 */
public final class BatchNorm2dModule extends TorchBlock {

	/** PyTorch's default epsilon. */
	public static final float EPS = 1e-5f;

	/**
	 * DJL's momentum is the weight of the old running value (PyTorch's engine passes
	 * 1 - momentum to torch), so 0.9 here is torch's momentum 0.1. Only training passes use it.
	 */
	private static final float DJL_MOMENTUM = 0.9f;

	private final Parameter gamma;
	private final Parameter beta;
	private final Parameter runningMean;
	private final Parameter runningVar;

	/** @param channels number of channels */
	public BatchNorm2dModule(int channels) {
		Shape s = new Shape(channels);
		gamma = param("weight", Parameter.Type.GAMMA, s);
		beta = param("bias", Parameter.Type.BETA, s);
		runningMean = param("running_mean", Parameter.Type.RUNNING_MEAN, s);
		runningVar = param("running_var", Parameter.Type.RUNNING_VAR, s);
	}

	@Override
	protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
		PairList<String, Object> params)
	{
		NDArray x = inputs.singletonOrThrow();
		return BatchNorm.batchNorm(x, value(store, runningMean, x, training), value(store,
			runningVar, x, training), value(store, gamma, x, training),
			value(store, beta, x,
				training),
			1, DJL_MOMENTUM, EPS, training);
	}

	/** Frees the four arrays once they are folded into the convolution before it. */
	void releaseParameters() {
		gamma.close();
		beta.close();
		runningMean.close();
		runningVar.close();
	}

	/** @return the scale parameter ("weight") */
	public Parameter gamma() {
		return gamma;
	}

	/** @return the shift parameter ("bias") */
	public Parameter beta() {
		return beta;
	}

	/** @return running mean */
	public Parameter runningMean() {
		return runningMean;
	}

	/** @return running variance */
	public Parameter runningVar() {
		return runningVar;
	}

	/** @return epsilon */
	public float eps() {
		return EPS;
	}
}
