package org.csrafiji.eval;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything one evaluation measured. Values are fractions in [0, 1] (the paper prints them in
 * percent); NaN where undefined.
 *
 * @param mAP mean of the defined per-class APs
 * @param averagePrecision AP per class, in class order; a class without positives is absent
 * @param atThreshold CP, CR, CF1, OP, OR, OF1 and the per-class F1 mean at the threshold
 * @param topK the same after keeping each sample's {@code options.topK()} highest scores
 * @param sampleCount how many samples (images or crops) were evaluated
 * @param options the settings used
 * @param warnings one sentence each: classes left out because they have no positives, and the like
 */
public record EvaluationResult(double mAP, Map<String, Double> averagePrecision,
	ThresholdMetrics atThreshold, ThresholdMetrics topK, int sampleCount, EvaluationOptions options,
	List<String> warnings)
{

	/** Keeps unmodifiable copies, the AP map in its given order. */
	public EvaluationResult {
		averagePrecision = Collections.unmodifiableMap(new LinkedHashMap<>(averagePrecision));
		warnings = List.copyOf(warnings);
	}

	/** @return mmpretrain's "CF1": the mean of the per-class F1s at the threshold */
	public double perClassF1Mean() {
		return atThreshold.perClassF1Mean();
	}
}
