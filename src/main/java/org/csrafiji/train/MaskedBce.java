package org.csrafiji.train;

import ai.djl.ndarray.NDArray;

/**
 * Binary cross-entropy with logits, averaged over the labelled entries of the batch: ignored
 * labels (mask 0) count neither in the sum nor in the mean. Without ignored labels this is
 * torch's BCEWithLogitsLoss with reduction "mean" (over batch and classes). Computed stably as
 * max(x, 0) - x * y + log(1 + exp(-|x|)).
 */
public final class MaskedBce {

	private MaskedBce() {}

	/**
	 * @param logits (B, C)
	 * @param targets (B, C), 1 present and 0 absent
	 * @param mask (B, C), 1 labelled and 0 ignored
	 * @return the scalar loss
	 */
	public static NDArray loss(NDArray logits, NDArray targets, NDArray mask) {
		NDArray perEntry = logits.maximum(0f).sub(logits.mul(targets)).add(logits.abs().neg().exp()
			.add(1f).log());
		return perEntry.mul(mask).sum().div(mask.sum().maximum(1f));
	}

	/**
	 * The same loss in plain Java (tests, reports).
	 *
	 * @param logits row-major (B, C)
	 * @param targets row-major
	 * @param mask row-major
	 * @return the loss
	 */
	public static double loss(float[] logits, float[] targets, float[] mask) {
		double sum = 0;
		double n = 0;
		for (int i = 0; i < logits.length; i++) {
			double x = logits[i];
			sum += mask[i] * (Math.max(x, 0) - x * targets[i] + Math.log1p(Math.exp(-Math.abs(x))));
			n += mask[i];
		}
		return sum / Math.max(n, 1);
	}
}
