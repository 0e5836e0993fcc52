package org.csrafiji.cli;

import org.csrafiji.model.ResNetConfig;

/**
 * The floating-point operations of a ResNet backbone's convolutions at a given input size
 * (2 per multiply-add, torchvision's layout: stride on the 3 x 3 convolution of a bottleneck),
 * for the benchmark's matmul bound. Batch norms (folded), ReLUs, pooling and the head are left
 * out: together well under 1 % of the total at 448.
 */
final class ResNetFlops {

	private ResNetFlops() {}

	/**
	 * @param config the ResNet
	 * @param size the input side
	 * @return its convolutions' floating-point operations for one image
	 */
	static double of(ResNetConfig config, int size) {
		int side = out(size, 7, 2, 3);
		double flops = conv(3, config.baseWidth(), 7, side);
		side = out(side, 3, 2, 1); // max pool
		int in = config.baseWidth();
		int expansion = config.bottleneck() ? 4 : 1;
		int[] blocks = config.blocks();
		for (int stage = 0; stage < blocks.length; stage++) {
			int planes = config.baseWidth() << stage;
			for (int b = 0; b < blocks[stage]; b++) {
				int stride = stage > 0 && b == 0 ? 2 : 1;
				int outSide = out(side, 3, stride, 1);
				if (config.bottleneck()) {
					flops += conv(in, planes, 1, side) + conv(planes, planes, 3, outSide)
						+ conv(planes,
							planes * 4, 1, outSide);
				}
				else {
					flops += conv(in, planes, 3, outSide) + conv(planes, planes, 3, outSide);
				}
				if (b == 0 && (stride != 1 || in != planes * expansion)) {
					flops += conv(in, planes * expansion, 1, outSide);
				}
				in = planes * expansion;
				side = outSide;
			}
		}
		return flops;
	}

	private static double conv(int in, int out, int kernel, int outSide) {
		return 2.0 * in * out * kernel * kernel * outSide * (double) outSide;
	}

	private static int out(int side, int kernel, int stride, int pad) {
		return (side + 2 * pad - kernel) / stride + 1;
	}
}
