package org.csrafiji.eval;

/**
 * Settings of one evaluation.
 *
 * @param threshold scores at least this are positive predictions (the official value is 0.5)
 * @param topK how many scores per sample the top-k metrics keep (the official value is 3)
 * @param ignoredInCounts how ignored labels enter the threshold metrics
 */
public record EvaluationOptions(double threshold, int topK, IgnoredLabelCounting ignoredInCounts) {

	/** The official threshold. */
	public static final double DEFAULT_THRESHOLD = 0.5;

	/** The official top-k. */
	public static final int DEFAULT_TOP_K = 3;

	/** Checks the values. */
	public EvaluationOptions {
		if (!Double.isFinite(threshold)) {
			throw new IllegalArgumentException(
				"The threshold must be a finite number, was " + threshold);
		}
		if (topK < 1) {
			throw new IllegalArgumentException("top-k must be at least 1, was " + topK);
		}
		if (ignoredInCounts == null) {
			throw new IllegalArgumentException("Say how ignored labels are counted");
		}
	}

	/**
	 * @param threshold scores at least this are positive predictions
	 * @return top-3, ignored labels dropped from the counts
	 */
	public static EvaluationOptions atThreshold(double threshold) {
		return new EvaluationOptions(threshold, DEFAULT_TOP_K, IgnoredLabelCounting.DROP);
	}

	/**
	 * @param counting how ignored labels enter the threshold metrics
	 * @return these options with that counting
	 */
	public EvaluationOptions withIgnoredInCounts(IgnoredLabelCounting counting) {
		return new EvaluationOptions(threshold, topK, counting);
	}
}
