package org.csrafiji.eval;

/** F1 as the harmonic mean of a precision and a recall. */
final class HarmonicMean {

	private HarmonicMean() {}

	/**
	 * @param precision a precision
	 * @param recall a recall
	 * @return 2 p r / (p + r); 0 when both are 0 (where the official code gives NaN); NaN when
	 *         either is NaN
	 */
	static double of(double precision, double recall) {
		double sum = precision + recall;
		return sum == 0 ? 0 : 2 * precision * recall / sum;
	}
}
