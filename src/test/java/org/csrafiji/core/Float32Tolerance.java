package org.csrafiji.core;

/**
 * How far two float32 computations of the same network may differ: the tolerances of the
 * tests that compare this project's results with PyTorch's, derived once here.
 *
 * <p>A float32 operation rounds with a relative error of at most u = 2^-24 (about 6e-8). A
 * sum of k products computed in any order is off by at most k·u·Σ|a_i·b_i| (the worst case),
 * and, as the rounding errors are independent with mean zero, by at most λ·√k·u·Σ|a_i·b_i|
 * with probability at least 1 - 2·exp(-λ²/2) (Higham and Mary, "A new approach to
 * probabilistic rounding error analysis", SIAM J. Sci. Comput. 41(5), 2019). The CPU kernels
 * of different instruction sets (AVX2, AVX-512, NEON) and libraries (MKL, oneDNN) block and
 * order their sums differently, so a fixture written by PyTorch on one machine and the same
 * computation by libtorch on another carry two independent such errors: their difference has
 * √2 times the spread.
 *
 * <p>Through a network, batch normalisation keeps each layer's output at a similar scale, so
 * each layer adds an error relative to that scale, and independent errors add in quadrature:
 * over layers with accumulation lengths k_1 ... k_L the spread is u·√(Σ k_l) of the output's
 * scale. Hence two results differ by at most
 *
 * <pre>  |a - b| <= λ·√2·u·√(Σ_l k_l) · scale</pre>
 *
 * with scale the largest magnitude in the compared array: the terms of the last sums are of
 * that order, so a value near zero (a result of cancellation) carries the same absolute error
 * as a large one, and a tolerance relative to each value alone is too tight for it. λ = 6
 * makes a false failure among 10^4 compared values less likely than 3·10^-4
 * (10^4 · 2·exp(-18)).
 */
public final class Float32Tolerance {

	/** Unit roundoff of float32. */
	public static final double U = 0x1p-24;
	/** Multiple of the standard deviation allowed. */
	public static final double LAMBDA = 6;

	private Float32Tolerance() {}

	/**
	 * @param accumulationLengths Σ k_l: the summed lengths of the dot products on the path
	 *          from input to output, one per layer
	 * @return the bound on |a - b| / scale for two float32 implementations
	 */
	public static double ofNetwork(long accumulationLengths) {
		return LAMBDA * Math.sqrt(2) * U * Math.sqrt(accumulationLengths);
	}

	/**
	 * Σ k_l of a torchvision ResNet backbone at base width w (64 in torchvision): the 7x7
	 * stem convolution (147 terms), then per block each convolution's in-channels x kernel
	 * area, and each stage's 1x1 downsampling. Input size does not enter: a convolution's sum
	 * runs over its kernel, not over the image.
	 *
	 * @param depth 18, 34, 50 or 101
	 * @param width base width (64 for the published networks)
	 * @return Σ k_l
	 */
	public static long resnet(int depth, int width) {
		int[] blocks = switch (depth) {
			case 18 -> new int[]{2, 2, 2, 2};
			case 34, 50 -> new int[]{3, 4, 6, 3};
			case 101 -> new int[]{3, 4, 23, 3};
			default -> throw new IllegalArgumentException("ResNet-" + depth);
		};
		boolean bottleneck = depth >= 50;
		int expansion = bottleneck ? 4 : 1;
		long sum = 3 * 7 * 7;
		int in = width;
		for (int stage = 0; stage < 4; stage++) {
			int planes = width << stage;
			for (int b = 0; b < blocks[stage]; b++) {
				if (bottleneck) sum += in + 9L * planes + planes; // 1x1, 3x3, 1x1
				else
					sum += 9L * in + 9L * planes; // 3x3, 3x3
				if (b == 0 && in != planes * expansion) sum += in; // 1x1 downsample
				in = planes * expansion;
			}
		}
		return sum;
	}

	/**
	 * Σ k_l of a vision transformer: the patch embedding (3 x patch² terms), then per block
	 * two layer norms (mean and variance over dim, twice), the qkv projection (dim), the
	 * attention scores (dim / heads, at most dim), the attention-weighted sum over the tokens,
	 * the output projection (dim) and the MLP (dim, then 4 x dim); a final layer norm.
	 *
	 * @param depth blocks
	 * @param dim embedding width
	 * @param tokens tokens including the class token
	 * @param patch patch size
	 * @return Σ k_l
	 */
	public static long vit(int depth, int dim, int tokens, int patch) {
		long block = 4L * dim + dim + dim + tokens + dim + dim + 4L * dim;
		return 3L * patch * patch + depth * block + 2L * dim;
	}

	/**
	 * Σ k_l of the CSRA head on top of a backbone: the 1x1 classifier over the feature
	 * channels, then the mean and the softmax-weighted sum over the positions.
	 *
	 * @param channels feature channels
	 * @param positions feature map positions (height x width)
	 * @return Σ k_l
	 */
	public static long csraHead(int channels, int positions) {
		return channels + 2L * positions;
	}
}
