package org.csrafiji.render;

import ij.measure.ResultsTable;

import java.util.List;

import org.csrafiji.eval.ClassCounts;
import org.csrafiji.eval.EvaluationResult;
import org.csrafiji.eval.ThresholdMetrics;

/**
 * An evaluation as ImageJ tables, in percent like the CSRA paper: "CSRA Metrics" with the
 * columns of the paper's Table 4 (a row for all scores, a row for the top-k), and "CSRA AP per
 * class" with each class's AP and number of positives. Every percentage shows
 * {@value #DECIMALS} decimals (100.00, never 100 beside 99.50); an undefined value (e.g. CP
 * when no class is ever predicted, the AP of a class without positives) reads {@value #UNDEFINED}.
 * mAP ranks every score and has no top-k variant, so the top-k row leaves it empty and its
 * {@value #NOTE} column says why.
 */
public final class MetricsTables {

	/** Title of the metrics table (and its window). */
	public static final String METRICS_TITLE = "CSRA Metrics";

	/** Title of the per-class table (and its window). */
	public static final String AP_TITLE = "CSRA AP per class";

	/** The column naming the row: "all" or "top-3". */
	public static final String ROW = "scores";

	/** The column of the mean of per-class F1s, which mmpretrain calls CF1. */
	public static final String F1_MEAN = "per-class F1 mean (mmpretrain CF1)";

	/** The column explaining a row's empty cells. */
	public static final String NOTE = "note";

	/** What an undefined value reads. */
	public static final String UNDEFINED = "n/a";

	/** Decimals of every percentage. */
	public static final int DECIMALS = 2;

	/** Why the top-k row has no mAP. */
	static final String NO_TOP_K_MAP = "mAP ranks all scores; it has no top-k value";

	/** The metric columns, in the paper's order, then {@link #F1_MEAN}. */
	public static final List<String> METRICS = List.of("mAP", "CP", "CR", "CF1", "OP", "OR", "OF1",
		F1_MEAN);

	private MetricsTables() {}

	/**
	 * @param result an evaluation
	 * @return two rows, "all" (with mAP) and "top-k" (mAP empty: it does not depend on top-k), with
	 *         the threshold and the sample count
	 */
	public static ResultsTable metrics(EvaluationResult result) {
		ResultsTable rt = new ResultsTable();
		row(rt, "all", result.mAP(), result.atThreshold(), result);
		row(rt, "top-" + result.options().topK(), Double.NaN, result.topK(), result);
		rt.setValue(METRICS.get(0), 1, "");
		rt.setValue(NOTE, 0, "");
		rt.setValue(NOTE, 1, NO_TOP_K_MAP.replace("top-k", "top-" + result.options().topK()));
		return rt;
	}

	/**
	 * @param result an evaluation
	 * @param classes the class names, in class order
	 * @return one row per class: class, AP (NaN without positives), positives
	 */
	public static ResultsTable averagePrecision(EvaluationResult result, List<String> classes) {
		ResultsTable rt = new ResultsTable();
		List<ClassCounts> counts = result.atThreshold().counts();
		for (int c = 0; c < classes.size(); c++) {
			String name = classes.get(c);
			rt.incrementCounter();
			rt.addValue("class", name);
			addPercent(rt, "AP", result.averagePrecision().getOrDefault(name, Double.NaN));
			rt.addValue("positives", counts.get(c).actual());
		}
		return rt;
	}

	private static void row(ResultsTable rt, String name, double mAP, ThresholdMetrics m,
		EvaluationResult result)
	{
		rt.incrementCounter();
		rt.addValue(ROW, name);
		double[] values = {mAP, m.cp(), m.cr(), m.cf1(), m.op(), m.or(), m.of1(),
			m.perClassF1Mean()};
		for (int i = 0; i < values.length; i++) {
			addPercent(rt, METRICS.get(i), values[i]);
		}
		rt.addValue("threshold", result.options().threshold());
		rt.addValue("samples", result.sampleCount());
	}

	/** Adds a fraction in percent with {@link #DECIMALS} decimals, or {@link #UNDEFINED}. */
	private static void addPercent(ResultsTable rt, String column, double fraction) {
		if (Double.isFinite(fraction)) {
			rt.addValue(column, 100 * fraction);
		}
		else {
			rt.addValue(column, UNDEFINED);
		}
		rt.setDecimalPlaces(rt.getColumnIndex(column), DECIMALS);
	}
}
