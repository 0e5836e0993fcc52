package org.csrafiji.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * One pre-norm transformer block in timm's original ViT layout: x + attn(norm1(x)), then
 * x + mlp(norm2(x)); attention with a qkv projection (with bias) split into heads, scaled dot
 * products (1 / sqrt(head width)), softmax, and the output projection "proj"; MLP fc1, exact
 * (erf) GELU, fc2 with 4 x the width inside. Children: norm1, attn.qkv, attn.proj, norm2,
 * mlp.fc1, mlp.fc2.
 */
public final class ViTBlock extends TorchBlock {

	/** timm's LayerNorm epsilon for ViT. */
	static final float EPS = 1e-6f;

	private final int width;
	private final int heads;
	private final LayerNormModule norm1;
	private final LinearModule qkv;
	private final LinearModule proj;
	private final LayerNormModule norm2;
	private final LinearModule fc1;
	private final LinearModule fc2;

	/**
	 * @param width token width d
	 * @param heads attention heads (d must be a multiple)
	 */
	public ViTBlock(int width, int heads) {
		this.width = width;
		this.heads = heads;
		norm1 = child("norm1", new LayerNormModule(width, EPS));
		TorchContainer attn = child("attn", new TorchContainer());
		qkv = attn.add("qkv", new LinearModule(width, 3 * width));
		proj = attn.add("proj", new LinearModule(width, width));
		norm2 = child("norm2", new LayerNormModule(width, EPS));
		TorchContainer mlp = child("mlp", new TorchContainer());
		fc1 = mlp.add("fc1", new LinearModule(width, 4 * width));
		fc2 = mlp.add("fc2", new LinearModule(4 * width, width));
	}

	@Override
	protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
		PairList<String, Object> params)
	{
		NDArray x = inputs.singletonOrThrow();
		long b = x.getShape().get(0);
		long n = x.getShape().get(1);
		int hw = width / heads;
		// At inference every intermediate is closed as soon as it is used: without that they
		// would all live until the end of the pass, and fresh memory costs page faults.
		Scratch scratch = new Scratch(training);
		NDArray normed = scratch.keep(run(norm1, store, x, training));
		NDArray qkvOut = scratch.keep(run(qkv, store, normed, training));
		// Views keep their storage alive, so they are closed too.
		NDArray t = scratch.keep(scratch.keep(qkvOut.reshape(b, n, 3, heads, hw)).transpose(2, 0,
			3, 1, 4)); // (3, B, heads, N, hw)
		NDArray q = scratch.keep(scratch.keep(t.get(0)).mul((float) (1 / Math.sqrt(hw))));
		NDArray k = scratch.keep(scratch.keep(t.get(1)).transpose(0, 1, 3, 2));
		NDArray scores = scratch.keep(q.matMul(k));
		NDArray att = scratch.keep(scores.softmax(-1));
		NDArray v = scratch.keep(t.get(2));
		NDArray mixed = scratch.keep(scratch.keep(scratch.keep(att.matMul(v)).transpose(0, 2, 1,
			3)).reshape(b, n, width));
		NDArray y = x.add(scratch.keep(run(proj, store, mixed, training)));
		NDArray h = scratch.keep(Activation.gelu(scratch.keep(run(fc1, store, scratch.keep(run(
			norm2, store, y, training)), training))));
		NDArray out = training
			? y.add(run(fc2, store, h, training))
			: y.addi(scratch.keep(run(fc2,
				store, h, training)));
		scratch.release();
		return new NDList(out);
	}

	/** Arrays to close after the block's pass at inference (kept for autograd in training). */
	private static final class Scratch {

		private final boolean training;
		private final java.util.List<NDArray> arrays = new java.util.ArrayList<>();

		Scratch(boolean training) {
			this.training = training;
		}

		NDArray keep(NDArray a) {
			if (!training) {
				arrays.add(a);
			}
			return a;
		}

		void release() {
			arrays.forEach(NDArray::close);
		}
	}
}
