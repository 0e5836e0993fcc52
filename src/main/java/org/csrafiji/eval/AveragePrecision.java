package org.csrafiji.eval;

/**
 * Average precision of one class as the official CSRA evaluation computes it (not the VOC
 * 11-point interpolation): drop the class's {@link LabelState#IGNORED} samples, sort the rest
 * by score from highest to lowest, and average, over the positives, the precision at each
 * positive's rank: {@code AP = (1/P) * sum over positives at rank r of (positives in top r) / r}.
 *
 * <p><b>Ties.</b> Samples with equal scores keep their input order (a stable sort; the same as
 * {@code numpy.argsort(-scores, kind="stable")}), so a positive listed before a tied negative
 * is ranked above it. The official code uses numpy's default, unstable sort, whose order among
 * ties is not defined. scikit-learn's {@code average_precision_score} treats a run of tied
 * scores as one threshold instead, giving every positive in the run the precision at the end
 * of the run; without ties the three agree exactly.
 */
public final class AveragePrecision {

	private AveragePrecision() {}

	/**
	 * @param labels ground truth
	 * @param scores predictions for the same samples and classes
	 * @param classIndex the class
	 * @return the class's AP in [0, 1], or NaN when it has no positive sample (undefined)
	 */
	public static double of(LabelMatrix labels, ScoreMatrix scores, int classIndex) {
		return of(RankedColumn.of(labels, scores, classIndex));
	}

	static double of(RankedColumn column) {
		if (column.positives() == 0) {
			return Double.NaN;
		}
		double sum = 0;
		int seen = 0;
		for (int r = 0; r < column.size(); r++) {
			if (column.positive()[r]) {
				seen++;
				sum += (double) seen / (r + 1);
			}
		}
		return sum / column.positives();
	}
}
