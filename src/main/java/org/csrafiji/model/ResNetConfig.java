package org.csrafiji.model;

import org.csrafiji.core.ModelSpecException;

import java.util.Arrays;

/**
 * A torchvision ResNet's shape: block type, blocks per layer, and the stem width (64 in
 * torchvision; narrower in the project's small test networks).
 *
 * @param depth 18, 34, 50, 101 or 152
 * @param bottleneck whether blocks are bottlenecks
 * @param blocks blocks in layer1..layer4
 * @param baseWidth channels of conv1 and layer1's width
 */
public record ResNetConfig(int depth, boolean bottleneck, int[] blocks, int baseWidth) {

	/**
	 * @param depth 18, 34, 50, 101 or 152
	 * @param baseWidth stem width (64 for torchvision's networks)
	 * @return the configuration
	 */
	public static ResNetConfig of(int depth, int baseWidth) {
		switch (depth) {
			case 18:
				return new ResNetConfig(18, false, new int[]{2, 2, 2, 2}, baseWidth);
			case 34:
				return new ResNetConfig(34, false, new int[]{3, 4, 6, 3}, baseWidth);
			case 50:
				return new ResNetConfig(50, true, new int[]{3, 4, 6, 3}, baseWidth);
			case 101:
				return new ResNetConfig(101, true, new int[]{3, 4, 23, 3}, baseWidth);
			case 152:
				return new ResNetConfig(152, true, new int[]{3, 8, 36, 3}, baseWidth);
			default:
				throw new ModelSpecException("ResNet-" + depth
					+ " is not a torchvision ResNet; use resnet18, resnet34, resnet50, resnet101 or resnet152.");
		}
	}

	/**
	 * Recognises the depth from block counts and block type (as found in a checkpoint).
	 *
	 * @param bottleneck block type
	 * @param counts blocks per layer
	 * @return the depth, or -1 when no torchvision ResNet has this shape
	 */
	public static int depthFor(boolean bottleneck, int[] counts) {
		for (int d : new int[]{18, 34, 50, 101, 152}) {
			ResNetConfig c = of(d, 64);
			if (c.bottleneck == bottleneck && Arrays.equals(c.blocks, counts)) {
				return d;
			}
		}
		return -1;
	}

	/** @return channels of the layer4 feature map */
	public int featureWidth() {
		return baseWidth * 8 * (bottleneck ? 4 : 1);
	}

	@Override
	public int[] blocks() {
		return blocks.clone();
	}

	@Override
	public boolean equals(Object o) {
		return o instanceof ResNetConfig c && c.depth == depth && c.baseWidth == baseWidth;
	}

	@Override
	public int hashCode() {
		return depth * 31 + baseWidth;
	}

	@Override
	public String toString() {
		return "resnet" + depth + (baseWidth == 64 ? "" : " (width " + baseWidth + ")");
	}
}
