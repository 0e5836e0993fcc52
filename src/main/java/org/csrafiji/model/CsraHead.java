package org.csrafiji.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

import org.csrafiji.core.Temperature;

import java.util.ArrayList;
import java.util.List;

/**
 * The class-specific residual attention head, as the paper and the official code define it.
 * Per head h with 1x1 weight W_h (C, d, 1, 1), no bias:
 * s[c, k] = W_h[c] . x[:, k] / ||W_h[c]||, base = mean_k s, attention term = max_k s for an
 * infinite temperature, else sum_k s * softmax_k(T s); logit_h = base + lambda * term; the
 * logits are the sum over heads. Parameters are named
 * {@code multi_head.{h}.head.weight} under the child name "classifier".
 */
public final class CsraHead extends HeadBlock {

	private final List<Parameter> weights = new ArrayList<>();

	/**
	 * @param width feature channels d
	 * @param classes number of classes C
	 * @param temperatures one per head
	 * @param lambda weight of the attention term
	 */
	public CsraHead(int width, int classes, List<Temperature> temperatures, double lambda) {
		super(width, classes, lambda, temperatures);
		for (int h = 0; h < temperatures.size(); h++) {
			weights.add(param("multi_head." + h + ".head.weight", Parameter.Type.WEIGHT, new Shape(
				classes, width, 1, 1)));
		}
	}

	@Override
	protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
		PairList<String, Object> params)
	{
		NDArray x = inputs.singletonOrThrow();
		HeadOutputs.checkWidth(x, width);
		long b = x.getShape().get(0);
		long hw = x.getShape().get(2) * x.getShape().get(3);
		int heads = temperatures().size();
		// All heads' normalised weights stacked: (H*C, d); one matmul gives every score map.
		NDArray[] normed = new NDArray[heads];
		for (int h = 0; h < heads; h++) {
			NDArray w = value(store, weights.get(h), x, training).reshape(classes, width);
			// The temporaries of this pass belong to the input's manager, not the weights'.
			w.attach(x.getManager());
			normed[h] = w.div(w.norm(new int[]{1}, true));
		}
		NDArray all = heads == 1 ? normed[0] : NDArrays.concat(new NDList(normed), 0);
		NDArray s = all.matMul(x.reshape(b, width, hw)).reshape(b, heads, classes, hw);
		NDArray base = s.mean(new int[]{3});
		NDArray logits = null;
		NDArray[] attention = new NDArray[heads];
		for (int h = 0; h < heads; h++) {
			NDArray sh = s.get(":, " + h);
			NDArray term;
			Temperature t = temperatures().get(h);
			if (t.isInfinite()) {
				term = sh.max(new int[]{2});
				attention[h] = HeadOutputs.oneHotArgmax(sh);
			}
			else {
				attention[h] = sh.mul((float) t.value()).softmax(2);
				term = sh.mul(attention[h]).sum(new int[]{2});
			}
			NDArray logit = base.get(":, " + h).add(term.mul(lambda));
			logits = logits == null ? logit : logits.add(logit);
		}
		Shape grid = new Shape(b, heads, classes, x.getShape().get(2), x.getShape().get(3));
		NDArray att = NDArrays.stack(new NDList(attention), 1).reshape(grid);
		return new NDList(logits, s.reshape(grid), att);
	}
}
