package org.csrafiji.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * torch.nn.Conv2d with square kernels: parameter "weight" (out, in, k, k) and, optionally,
 * "bias". It can carry a batch-norm folded into it for inference ({@link #fold}).
 */
public final class Conv2dModule extends TorchBlock {

	private final int in;
	private final int out;
	private final int kernel;
	private final Shape stride;
	private final Shape padding;
	private final Parameter weight;
	private final Parameter bias;
	private NDArray foldedWeight;
	private NDArray foldedBias;

	/**
	 * @param in input channels
	 * @param out output channels
	 * @param kernel kernel side
	 * @param stride stride
	 * @param padding zero padding
	 * @param withBias whether there is a bias
	 */
	public Conv2dModule(int in, int out, int kernel, int stride, int padding, boolean withBias) {
		this.in = in;
		this.out = out;
		this.kernel = kernel;
		this.stride = new Shape(stride, stride);
		this.padding = new Shape(padding, padding);
		weight = param("weight", Parameter.Type.WEIGHT, new Shape(out, in, kernel, kernel));
		bias = withBias ? param("bias", Parameter.Type.BIAS, new Shape(out)) : null;
	}

	/** @return output channels */
	public int outChannels() {
		return out;
	}

	@Override
	protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
		PairList<String, Object> params)
	{
		NDArray x = inputs.singletonOrThrow();
		NDArray w = value(store, weight, x, training);
		NDArray b = bias == null ? null : value(store, bias, x, training);
		return Conv2d.conv2d(x, w, b, stride, padding, new Shape(1, 1), 1);
	}

	/**
	 * Convolution followed by batch norm; with the norm folded into the weights (inference
	 * only) this is one convolution with a bias.
	 *
	 * @param bn the batch norm after this convolution
	 * @param store parameter store
	 * @param x input
	 * @param training training pass
	 * @return bn(conv(x))
	 */
	public NDArray withNorm(BatchNorm2dModule bn, ParameterStore store, NDArray x,
		boolean training)
	{
		if (foldedWeight != null && !training) {
			return Conv2d.conv2d(x, foldedWeight, foldedBias, stride, padding, new Shape(1, 1), 1)
				.singletonOrThrow();
		}
		return run(bn, store, run(this, store, x, training), training);
	}

	/**
	 * Folds an inference batch norm into this convolution: W' = W * g / sqrt(v + eps),
	 * b' = beta + (b - mean) * g / sqrt(v + eps). Used only for inference: the original
	 * convolution and batch-norm parameters are released afterwards, so a folded network
	 * can no longer be trained or folded again (build a new one for that).
	 * <p>
	 * The engine computes the per-channel factors, scales the weights and copies them into
	 * channels-last order ({@link #channelsLast}): its vectorised kernels, on its threads,
	 * with no copy of the weights through the Java heap. A Java loop that did the same in one
	 * pass took longer on a model's first load (it runs interpreted until the JIT has compiled
	 * it: ResNet-101, 470-670 ms against 280-340 ms in separate JVMs).
	 *
	 * @param bn the batch norm that follows
	 */
	public void fold(BatchNorm2dModule bn) {
		NDArray scale = bn.gamma().getArray().div(bn.runningVar().getArray().add(bn.eps())
			.sqrt());
		NDArray w = weight.getArray();
		NDArray shift = bias == null
			? bn.runningMean().getArray().neg()
			: bias.getArray().sub(bn
				.runningMean().getArray());
		unfold();
		foldedWeight = channelsLast(w, scale);
		foldedBias = bn.beta().getArray().add(shift.mul(scale));
		scale.close();
		shift.close();
		foldedWeight.attach(w.getManager());
		foldedBias.attach(w.getManager());
		// Inference needs only the folded pair: free the originals (half the weight memory).
		weight.close();
		if (bias != null) {
			bias.close();
		}
		bn.releaseParameters();
	}

	/**
	 * Scales a weight per output channel and re-lays it out channels-last: the same logical
	 * (out, in, k, k) array, stored as (out, k, k, in). PyTorch's CPU convolution then runs in
	 * NHWC throughout, which avoids re-ordering every activation into oneDNN's layout and back
	 * at each layer.
	 *
	 * @param w weight in the default layout (left open: it is the parameter's own array)
	 * @param scale one factor per output channel (left open)
	 * @return the scaled, channels-last weight
	 */
	private NDArray channelsLast(NDArray w, NDArray scale) {
		long kk = (long) kernel * kernel;
		try (NDArray f = scale.reshape(out, 1, 1, 1);
			NDArray scaled = w.mul(f);
			NDArray permuted = scaled.transpose(0, 2, 3, 1);
			// No view of the permuted array has this shape, so the engine copies it into
			// (out, k, k, in) order (for 1 x 1 kernels the order is already that).
			NDArray flat = permuted.reshape(out, kk * in);
			NDArray nhwc = flat.reshape(out, kernel, kernel, in))
		{
			// A view: it keeps the engine's copy alive when the handles above are closed.
			return nhwc.transpose(0, 3, 1, 2);
		}
	}

	/** Drops a folded batch norm (after the weights change). */
	public void unfold() {
		if (foldedWeight != null) {
			foldedWeight.close();
			foldedBias.close();
			foldedWeight = null;
			foldedBias = null;
		}
	}
}
