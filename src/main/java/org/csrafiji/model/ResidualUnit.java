package org.csrafiji.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

import java.util.ArrayList;
import java.util.List;

/**
 * One torchvision residual block: BasicBlock (two 3x3 convolutions) or Bottleneck (1x1,
 * 3x3 with the stride — "v1.5" — and 1x1 with 4x expansion), each convolution followed by
 * batch norm, an optional downsample (1x1 convolution + batch norm, children "0" and "1"),
 * and ReLU after the sum.
 */
public final class ResidualUnit extends TorchBlock {

	private final List<Conv2dModule> convs = new ArrayList<>();
	private final List<BatchNorm2dModule> norms = new ArrayList<>();
	private final Conv2dModule downConv;
	private final BatchNorm2dModule downNorm;

	/**
	 * @param bottleneck Bottleneck (true) or BasicBlock (false)
	 * @param inplanes input channels
	 * @param planes the block's width (output is planes, or 4 x planes for a bottleneck)
	 * @param stride stride of the block
	 */
	public ResidualUnit(boolean bottleneck, int inplanes, int planes, int stride) {
		int outplanes = bottleneck ? planes * 4 : planes;
		if (bottleneck) {
			add(1, new Conv2dModule(inplanes, planes, 1, 1, 0, false));
			add(2, new Conv2dModule(planes, planes, 3, stride, 1, false));
			add(3, new Conv2dModule(planes, outplanes, 1, 1, 0, false));
		}
		else {
			add(1, new Conv2dModule(inplanes, planes, 3, stride, 1, false));
			add(2, new Conv2dModule(planes, planes, 3, 1, 1, false));
		}
		if (stride != 1 || inplanes != outplanes) {
			TorchSequence down = child("downsample", new TorchSequence());
			downConv = down.append(new Conv2dModule(inplanes, outplanes, 1, stride, 0, false));
			downNorm = down.append(new BatchNorm2dModule(outplanes));
		}
		else {
			downConv = null;
			downNorm = null;
		}
	}

	/**
	 * @param inplanes input channels
	 * @param planes width
	 * @param bottleneck block type
	 * @return the output channels of such a block
	 */
	public static int outChannels(int inplanes, int planes, boolean bottleneck) {
		return bottleneck ? planes * 4 : planes;
	}

	private void add(int i, Conv2dModule conv) {
		convs.add(child("conv" + i, conv));
		norms.add(child("bn" + i, new BatchNorm2dModule(conv.outChannels())));
	}

	@Override
	protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
		PairList<String, Object> params)
	{
		NDArray x = inputs.singletonOrThrow();
		NDArray identity = downConv == null ? x : downConv.withNorm(downNorm, store, x, training);
		NDArray y = x;
		int last = convs.size() - 1;
		for (int i = 0; i <= last; i++) {
			NDArray next = convs.get(i).withNorm(norms.get(i), store, y, training);
			release(y, x, training);
			y = i < last ? relu(next, training) : next;
		}
		NDArray sum = training ? y.add(identity) : y.addi(identity);
		if (identity != x) {
			release(identity, x, training);
		}
		return new NDList(relu(sum, training));
	}

	/**
	 * ReLU; at inference the input is closed at once so that activations do not pile up
	 * until the end of the forward pass.
	 *
	 * @param a input
	 * @param training training pass (keep everything for autograd)
	 * @return relu(a)
	 */
	static NDArray relu(NDArray a, boolean training) {
		NDArray r = Activation.relu(a);
		if (!training) {
			a.close();
		}
		return r;
	}

	private static void release(NDArray a, NDArray keep, boolean training) {
		if (!training && a != keep) {
			a.close();
		}
	}

	/** Folds every batch norm of this block into its convolution (inference only). */
	public void foldNorms() {
		for (int i = 0; i < convs.size(); i++) {
			convs.get(i).fold(norms.get(i));
		}
		if (downConv != null) {
			downConv.fold(downNorm);
		}
	}
}
