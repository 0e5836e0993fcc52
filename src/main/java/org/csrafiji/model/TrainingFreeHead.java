package org.csrafiji.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

import org.csrafiji.core.Temperature;

import java.util.List;

/**
 * The paper's training-free trick (Figure 1) on an existing linear classifier ("fc.weight"
 * (C, d), "fc.bias" (C)): the classifier is applied at every location, giving
 * s[c, k] = W[c] . x[:, k] + b[c]; logit = mean_k (W[c] . x[:, k]) + b[c] + lambda * max_k
 * (W[c] . x[:, k]). The bias is included once, so lambda = 0 gives the classifier's own
 * output. The score maps include the bias; the attention is one-hot at the argmax.
 */
public final class TrainingFreeHead extends HeadBlock {

	private final Parameter weight;
	private final Parameter bias;

	/**
	 * @param width feature channels d
	 * @param classes number of classes
	 * @param lambda weight of the max term
	 */
	public TrainingFreeHead(int width, int classes, double lambda) {
		super(width, classes, lambda, List.of(Temperature.INFINITE));
		weight = param("weight", Parameter.Type.WEIGHT, new Shape(classes, width));
		bias = param("bias", Parameter.Type.BIAS, new Shape(classes));
	}

	@Override
	protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
		PairList<String, Object> params)
	{
		NDArray x = inputs.singletonOrThrow();
		HeadOutputs.checkWidth(x, width);
		long b = x.getShape().get(0);
		long hw = x.getShape().get(2) * x.getShape().get(3);
		NDArray w = value(store, weight, x, training);
		NDArray bv = value(store, bias, x, training).reshape(1, classes, 1);
		NDArray wx = w.matMul(x.reshape(b, width, hw)); // (B, C, hw)
		NDArray logits = wx.mean(new int[]{2}).add(bv.reshape(1, classes)).add(wx.max(
			new int[]{2}).mul(lambda));
		NDArray s = wx.add(bv);
		Shape grid = new Shape(b, 1, classes, x.getShape().get(2), x.getShape().get(3));
		return new NDList(logits, s.reshape(grid), HeadOutputs.oneHotArgmax(s).reshape(grid));
	}
}
