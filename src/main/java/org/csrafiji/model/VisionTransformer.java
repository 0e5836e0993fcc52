package org.csrafiji.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A Vision Transformer in timm's original layout as the CSRA backbone: patch_embed.proj (a
 * p x p convolution with stride p and bias), cls_token, pos_embed, pre-norm blocks, final
 * norm. The class token is dropped after the final norm and the patch tokens are laid out
 * row-major as a feature map (B, d, S/p, S/p).
 * <p>
 * pos_embed keeps the shape the checkpoint gives it (a class token plus a g x g grid). For
 * another input size its grid part is resized as timm's resize_pos_embed does: reshaped to
 * (1, d, g, g), F.interpolate(mode="bicubic", align_corners=False) without antialiasing
 * (cubic convolution with a = -0.75, borders clamped), the class token's embedding kept.
 * (DJL's interpolate call antialiases, as newer timm's resample_abs_pos_embed does by
 * default, which changes upsampled values; so the resize is written here as two matrix
 * products.) For inference this happens once, in {@link #prepareInference()}.
 */
public final class VisionTransformer extends TorchBlock implements Backbone {

	/** PyTorch's bicubic convolution coefficient. */
	private static final double CUBIC_A = -0.75;

	private final ViTConfig config;
	private final int inputGrid;
	private final Conv2dModule proj;
	private final Parameter clsToken;
	private final Parameter posEmbed;
	private final TorchSequence blocks;
	private final LayerNormModule norm;
	private NDArray preparedPositions;

	/**
	 * @param config the network's shape; grid is the positional embedding's
	 * @param inputSize side of the input images
	 */
	public VisionTransformer(ViTConfig config, int inputSize) {
		this.config = config;
		this.inputGrid = config.gridAt(inputSize);
		int d = config.width();
		TorchContainer patchEmbed = child("patch_embed", new TorchContainer());
		proj = patchEmbed.add("proj", new Conv2dModule(3, d, config.patch(), config.patch(), 0,
			true));
		clsToken = param("cls_token", Parameter.Type.WEIGHT, new Shape(1, 1, d));
		posEmbed = param("pos_embed", Parameter.Type.WEIGHT, new Shape(1, 1 + (long) config.grid()
			* config.grid(), d));
		blocks = child("blocks", new TorchSequence());
		for (int i = 0; i < config.depth(); i++) {
			blocks.append(new ViTBlock(d, config.heads()));
		}
		norm = child("norm", new LayerNormModule(d, ViTBlock.EPS));
	}

	/** @return the shape */
	public ViTConfig config() {
		return config;
	}

	@Override
	public int featureWidth() {
		return config.width();
	}

	/** Per block: the query-key-value projection, the MLP's hidden layer or the attention. */
	@Override
	public long largestActivationBytes(int size) {
		long tokens = 1 + (long) config.gridAt(size) * config.gridAt(size);
		long d = config.width();
		return Float.BYTES * Math.max(tokens * 4 * d, config.heads() * tokens * tokens);
	}

	@Override
	protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
		PairList<String, Object> params)
	{
		NDArray x = inputs.singletonOrThrow();
		NDArray p = run(proj, store, x, training); // (B, d, h, w)
		long b = p.getShape().get(0);
		int d = config.width();
		int h = (int) p.getShape().get(2);
		int w = (int) p.getShape().get(3);
		NDArray patches = p.reshape(b, d, (long) h * w).transpose(0, 2, 1);
		NDArray cls = value(store, clsToken, x, training).broadcast(new Shape(b, 1, d));
		NDArray t = NDArrays.concat(new NDList(cls, patches), 1).add(positions(store, x,
			training, h, w));
		for (Block block : blocks.getChildren().values()) {
			NDArray next = run(block, store, t, training);
			if (!training) {
				t.close();
			}
			t = next;
		}
		t = run(norm, store, t, training);
		return new NDList(t.get(":, 1:, :").transpose(0, 2, 1).reshape(b, d, h, w));
	}

	private NDArray positions(ParameterStore store, NDArray x, boolean training, int h, int w) {
		if (!training && preparedPositions != null && h == inputGrid && w == inputGrid) {
			return preparedPositions;
		}
		return resize(value(store, posEmbed, x, training), h, w);
	}

	/**
	 * @param pos positional embedding (1, 1 + g*g, d)
	 * @param h grid rows wanted
	 * @param w grid columns wanted
	 * @return it for an h x w grid (itself when the grid already fits)
	 */
	private NDArray resize(NDArray pos, int h, int w) {
		int g = config.grid();
		if (g == h && g == w) {
			return pos;
		}
		int d = config.width();
		NDArray token = pos.get(":, :1, :");
		NDArray grid = pos.get(":, 1:, :").reshape(g, g, d).transpose(2, 0, 1); // (d, g, g)
		NDArray rows = pos.getManager().create(bicubicWeights(g, h), new Shape(h, g));
		NDArray cols = pos.getManager().create(bicubicWeights(g, w), new Shape(w, g));
		NDArray resized = rows.matMul(grid).matMul(cols.transpose()) // (d, h, w)
			.transpose(1, 2, 0).reshape(1, (long) h * w, d);
		return NDArrays.concat(new NDList(token, resized), 1);
	}

	/**
	 * The 1-D weights of PyTorch's bicubic upsampling with align_corners=False: output i
	 * reads source position (i + 0.5) * in / out - 0.5 from its four neighbours (indices
	 * clamped to the border) with cubic convolution coefficients.
	 *
	 * @param in source length
	 * @param out target length
	 * @return row-major (out, in) matrix
	 */
	static float[] bicubicWeights(int in, int out) {
		float[] m = new float[out * in];
		double scale = (double) in / out;
		for (int i = 0; i < out; i++) {
			double src = (i + 0.5) * scale - 0.5;
			int x0 = (int) Math.floor(src);
			double t = src - x0;
			double[] c = {cubicOuter(t + 1), cubicInner(t), cubicInner(1 - t), cubicOuter(2 - t)};
			for (int k = 0; k < 4; k++) {
				int j = Math.min(Math.max(x0 - 1 + k, 0), in - 1);
				m[i * in + j] += (float) c[k];
			}
		}
		return m;
	}

	/** Cubic convolution for |x| <= 1. */
	private static double cubicInner(double x) {
		return ((CUBIC_A + 2) * x - (CUBIC_A + 3)) * x * x + 1;
	}

	/** Cubic convolution for 1 < |x| < 2. */
	private static double cubicOuter(double x) {
		return ((CUBIC_A * x - 5 * CUBIC_A) * x + 8 * CUBIC_A) * x - 4 * CUBIC_A;
	}

	@Override
	public void prepareInference() {
		if (preparedPositions != null) {
			preparedPositions.close();
			preparedPositions = null;
		}
		NDArray pos = posEmbed.getArray();
		if (config.grid() != inputGrid) {
			preparedPositions = resize(pos, inputGrid, inputGrid);
			preparedPositions.attach(pos.getManager());
		}
	}
}
