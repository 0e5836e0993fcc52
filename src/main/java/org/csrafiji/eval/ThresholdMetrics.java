package org.csrafiji.eval;

import java.util.ArrayList;
import java.util.List;

/**
 * Precision, recall and F1 at a score threshold, as the official CSRA evaluation computes them.
 * A sample is predicted positive for a class when its score is at least the threshold.
 *
 * <ul>
 * <li>CP = mean over classes of tp / predicted (0 predicted counted as 1), CR = mean over
 * classes of tp / positives, CF1 = 2 CP CR / (CP + CR): the harmonic mean of the two means,
 * not the mean of per-class F1s.</li>
 * <li>OP = sum tp / sum predicted, OR = sum tp / sum positives, OF1 = 2 OP OR / (OP + OR). As in
 * the official code, a class with no prediction adds 1 to the OP denominator (its predicted
 * count is raised to 1 before the sums).</li>
 * <li>{@code perClassF1Mean}: the mean over classes of each class's own F1, which is what
 * mmpretrain reports under the name CF1.</li>
 * </ul>
 * A class without positive samples has no recall: it is left out of CP, CR and the per-class
 * F1 mean (the official code would return NaN), while its predictions still count in OP. Any
 * F1 whose precision and recall are both 0 is 0.
 *
 * @param cp mean per-class precision
 * @param cr mean per-class recall
 * @param cf1 harmonic mean of cp and cr
 * @param op overall precision
 * @param or overall recall
 * @param of1 harmonic mean of op and or
 * @param perClassF1Mean mean of the per-class F1s (mmpretrain's "CF1")
 * @param counts per class, in class order
 */
public record ThresholdMetrics(double cp, double cr, double cf1, double op, double or, double of1,
	double perClassF1Mean, List<ClassCounts> counts)
{

	/** Keeps an unmodifiable copy of the counts. */
	public ThresholdMetrics {
		counts = List.copyOf(counts);
	}

	/**
	 * @param labels ground truth
	 * @param scores predictions for the same samples and classes
	 * @param threshold scores at least this are positive predictions
	 * @param ignored how ignored entries are counted
	 * @return the metrics
	 */
	public static ThresholdMetrics compute(LabelMatrix labels, ScoreMatrix scores, double threshold,
		IgnoredLabelCounting ignored)
	{
		List<ClassCounts> counts = new ArrayList<>();
		for (int c = 0; c < labels.classCount(); c++) {
			counts.add(count(labels, scores, c, threshold, ignored));
		}
		return of(counts);
	}

	/**
	 * @param counts per class
	 * @return the metrics those counts give
	 */
	public static ThresholdMetrics of(List<ClassCounts> counts) {
		double precisionSum = 0;
		double recallSum = 0;
		double f1Sum = 0;
		int defined = 0;
		long tp = 0;
		long predicted = 0;
		long actual = 0;
		for (ClassCounts k : counts) {
			tp += k.truePositives();
			predicted += Math.max(k.predicted(), 1);
			actual += k.actual();
			if (k.defined()) {
				defined++;
				precisionSum += k.precision();
				recallSum += k.recall();
				f1Sum += k.f1();
			}
		}
		double cp = defined == 0 ? Double.NaN : precisionSum / defined;
		double cr = defined == 0 ? Double.NaN : recallSum / defined;
		double op = predicted == 0 ? Double.NaN : (double) tp / predicted;
		double or = actual == 0 ? Double.NaN : (double) tp / actual;
		double f1Mean = defined == 0 ? Double.NaN : f1Sum / defined;
		return new ThresholdMetrics(cp, cr, HarmonicMean.of(cp, cr), op, or,
			HarmonicMean.of(op, or),
			f1Mean, counts);
	}

	private static ClassCounts count(LabelMatrix labels, ScoreMatrix scores, int c,
		double threshold,
		IgnoredLabelCounting ignored)
	{
		int tp = 0;
		int predicted = 0;
		int actual = 0;
		for (int i = 0; i < labels.sampleCount(); i++) {
			LabelState state = labels.get(i, c);
			if (state == LabelState.IGNORED && ignored == IgnoredLabelCounting.DROP) {
				continue;
			}
			boolean positive = state == LabelState.POSITIVE;
			boolean predictedPositive = scores.get(i, c) >= threshold;
			actual += positive ? 1 : 0;
			predicted += predictedPositive ? 1 : 0;
			tp += positive && predictedPositive ? 1 : 0;
		}
		return new ClassCounts(tp, predicted, actual);
	}
}
