package org.csrafiji.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import org.csrafiji.model.ResNetConfig;

/**
 * {@link ResNetFlops} against the multiply-add counts torchvision publishes for its ImageNet
 * ResNets at 224 x 224 (its model table's "GFLOPS" column counts multiply-adds): ResNet-18 1.81 G,
 * ResNet-50 4.09 G, ResNet-101 7.80 G. Those include the final fully connected layer (0.5 M or
 * 2 M multiply-adds) and pooling, which the count leaves out, and are rounded to 0.01 G: hence
 * the 0.5 % tolerance. At 448 the count is four times that at 224 less the border effects of
 * the odd feature sides (7 x 7 becomes 14 x 14 exactly, so exactly four times).
 */
class ResNetFlopsTest {

	private static double gmacs(int depth, int size) {
		return ResNetFlops.of(ResNetConfig.of(depth, 64), size) / 2 / 1e9;
	}

	@Test
	void matchesTorchvisionsPublishedCounts() {
		assertEquals(1.81, gmacs(18, 224), 1.81 * 0.005);
		assertEquals(4.09, gmacs(50, 224), 4.09 * 0.005);
		assertEquals(7.80, gmacs(101, 224), 7.80 * 0.005);
	}

	@Test
	void scalesWithThePixelCount() {
		assertEquals(4 * gmacs(101, 224), gmacs(101, 448), 1e-9);
	}
}
