package org.csrafiji.eval;

/**
 * One class's counts at a threshold.
 *
 * @param truePositives positive samples predicted positive
 * @param predicted samples predicted positive (score at least the threshold)
 * @param actual positive samples (ground truth)
 */
public record ClassCounts(int truePositives, int predicted, int actual) {

	/** @return whether the class has a positive sample, so that its recall is defined */
	public boolean defined() {
		return actual > 0;
	}

	/** @return true positives / predicted, where 0 predicted counts as 1 (the official rule) */
	public double precision() {
		return (double) truePositives / Math.max(predicted, 1);
	}

	/** @return true positives / actual positives; NaN when the class has none */
	public double recall() {
		return actual == 0 ? Double.NaN : (double) truePositives / actual;
	}

	/** @return the harmonic mean of {@link #precision()} and {@link #recall()}, 0 when both are 0 */
	public double f1() {
		return HarmonicMean.of(precision(), recall());
	}
}
