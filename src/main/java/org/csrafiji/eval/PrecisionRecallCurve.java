package org.csrafiji.eval;

import java.util.ArrayList;
import java.util.List;

/**
 * The precision-recall curve of one class, for plotting: one point per distinct score t among
 * the class's non-ignored samples, from the highest score down, where the samples with
 * {@code score >= t} are predicted positive. Tied scores fall into one point, so the curve does
 * not depend on the order of ties (its points are scikit-learn's
 * {@code precision_recall_curve} points). The curve starts at the highest threshold that finds
 * a positive: above it recall is 0 and precision says nothing about the class (0 of the
 * negatives ranked first), so those thresholds are left out; a class without positives has no
 * points.
 *
 * @param className the class
 * @param positives number of positive samples
 * @param points from the highest threshold with recall &gt; 0 to the lowest
 */
public record PrecisionRecallCurve(String className, int positives, List<Point> points) {

	/**
	 * One operating point.
	 *
	 * @param threshold samples scoring at least this are predicted positive
	 * @param precision true positives / predicted positives
	 * @param recall true positives / positives, above 0
	 */
	public record Point(double threshold, double precision, double recall) {}

	/** Keeps an unmodifiable copy of the points. */
	public PrecisionRecallCurve {
		points = List.copyOf(points);
	}

	/**
	 * @param labels ground truth
	 * @param scores predictions for the same samples and classes
	 * @param classIndex the class
	 * @return its curve
	 */
	public static PrecisionRecallCurve of(LabelMatrix labels, ScoreMatrix scores, int classIndex) {
		RankedColumn column = RankedColumn.of(labels, scores, classIndex);
		List<Point> points = new ArrayList<>();
		int truePositives = 0;
		for (int r = 0; r < column.size(); r++) {
			truePositives += column.positive()[r] ? 1 : 0;
			boolean endOfTies = r + 1 == column.size()
				|| column.score()[r + 1] != column.score()[r];
			if (endOfTies && truePositives > 0) {
				points.add(new Point(column.score()[r], (double) truePositives / (r + 1),
					(double) truePositives / column.positives()));
			}
		}
		return new PrecisionRecallCurve(labels.classes().name(classIndex), column.positives(),
			points);
	}
}
