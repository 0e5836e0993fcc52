package org.csrafiji.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A torchvision ResNet up to layer4 (no average pool, no fc): conv1 7x7/2, bn1, ReLU, max
 * pool 3x3/2, layer1..layer4. Outputs the feature map (B, width, S/32, S/32).
 */
public final class ResNetBackbone extends TorchBlock implements Backbone {

	private final ResNetConfig config;
	private final Conv2dModule conv1;
	private final BatchNorm2dModule bn1;
	private final TorchSequence[] layers = new TorchSequence[4];

	/** @param config the ResNet's shape */
	public ResNetBackbone(ResNetConfig config) {
		this.config = config;
		int base = config.baseWidth();
		conv1 = child("conv1", new Conv2dModule(3, base, 7, 2, 3, false));
		bn1 = child("bn1", new BatchNorm2dModule(base));
		int inplanes = base;
		int[] counts = config.blocks();
		for (int l = 0; l < 4; l++) {
			layers[l] = child("layer" + (l + 1), new TorchSequence());
			int planes = base << l;
			for (int i = 0; i < counts[l]; i++) {
				int stride = i == 0 && l > 0 ? 2 : 1;
				layers[l].append(new ResidualUnit(config.bottleneck(), inplanes, planes, stride));
				inplanes = ResidualUnit.outChannels(inplanes, planes, config.bottleneck());
			}
		}
	}

	/** @return the configuration */
	public ResNetConfig config() {
		return config;
	}

	@Override
	public int featureWidth() {
		return config.featureWidth();
	}

	/**
	 * The stem's output (base width at half the input side) or layer1's (its output channels at
	 * a quarter of the side); every later layer halves the elements.
	 */
	@Override
	public long largestActivationBytes(int size) {
		long half = (size + 1) / 2;
		long quarter = (half + 1) / 2;
		long layer1 = (long) ResidualUnit.outChannels(config.baseWidth(), config.baseWidth(), config
			.bottleneck()) * quarter * quarter;
		return Float.BYTES * Math.max(config.baseWidth() * half * half, layer1);
	}

	@Override
	protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
		PairList<String, Object> params)
	{
		NDArray x = conv1.withNorm(bn1, store, inputs.singletonOrThrow(), training);
		x = ResidualUnit.relu(x, training);
		NDArray pooled = Pool.maxPool2d(x, new Shape(3, 3), new Shape(2, 2), new Shape(1, 1),
			false);
		if (!training) {
			x.close();
		}
		x = pooled;
		for (TorchSequence layer : layers) {
			for (Block b : layer.getChildren().values()) {
				NDArray next = run(b, store, x, training);
				if (!training) {
					x.close();
				}
				x = next;
			}
		}
		return new NDList(x);
	}

	@Override
	public void prepareInference() {
		conv1.fold(bn1);
		for (TorchSequence layer : layers) {
			for (Block b : layer.getChildren().values()) {
				((ResidualUnit) b).foldNorms();
			}
		}
	}
}
