package org.csrafiji.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.csrafiji.core.DatasetException;

/** Runs every metric of this package on one set of labels and scores. */
public final class Evaluator {

	private Evaluator() {}

	/**
	 * Evaluates with top-3 and ignored labels dropped from every count.
	 *
	 * @param labels ground truth
	 * @param scores predictions for the same samples, in the same order, and the same classes
	 * @param threshold scores at least this are positive predictions
	 * @return the result
	 */
	public static EvaluationResult evaluate(LabelMatrix labels, ScoreMatrix scores,
		double threshold)
	{
		return evaluate(labels, scores, EvaluationOptions.atThreshold(threshold));
	}

	/**
	 * @param labels ground truth
	 * @param scores predictions for the same samples, in the same order, and the same classes
	 * @param options the settings
	 * @return the result
	 */
	public static EvaluationResult evaluate(LabelMatrix labels, ScoreMatrix scores,
		EvaluationOptions options)
	{
		checkShapes(labels, scores);
		Map<String, Double> ap = new LinkedHashMap<>();
		List<String> warnings = new ArrayList<>();
		double sum = 0;
		for (int c = 0; c < labels.classCount(); c++) {
			String name = labels.classes().name(c);
			double value = AveragePrecision.of(labels, scores, c);
			if (Double.isNaN(value)) {
				warnings
					.add("Class '" + name + "' has no positive sample: its AP, precision, recall"
						+ " and F1 are undefined and left out of mAP and the class means.");
			}
			else {
				ap.put(name, value);
				sum += value;
			}
		}
		double mAP = ap.isEmpty() ? Double.NaN : sum / ap.size();
		ThresholdMetrics atThreshold = ThresholdMetrics.compute(labels, scores, options.threshold(),
			options.ignoredInCounts());
		ThresholdMetrics topK = ThresholdMetrics.compute(labels, scores.keepTop(options.topK()),
			options.threshold(), options.ignoredInCounts());
		return new EvaluationResult(mAP, ap, atThreshold, topK, labels.sampleCount(), options,
			warnings);
	}

	/**
	 * Matches predictions to a dataset's samples and classes by name, then evaluates.
	 *
	 * @param dataset the labels
	 * @param predictions the scores, named by sample key
	 * @param options the settings
	 * @return the result
	 */
	public static EvaluationResult evaluate(Dataset dataset, Predictions predictions,
		EvaluationOptions options)
	{
		MatchedData matched = PredictionMatcher.match(dataset, predictions);
		return evaluate(matched.labels(), matched.scores(), options);
	}

	private static void checkShapes(LabelMatrix labels, ScoreMatrix scores) {
		if (!labels.classes().equals(scores.classes())) {
			throw new DatasetException("The labels have classes " + labels.classes().names()
				+ " but the scores " + scores.classes().names()
				+ "; match the columns by name before evaluating.");
		}
		if (labels.sampleCount() != scores.sampleCount()) {
			throw new DatasetException("There are " + labels.sampleCount() + " label rows but "
				+ scores.sampleCount() + " score rows; give one score row per labelled sample.");
		}
	}
}
