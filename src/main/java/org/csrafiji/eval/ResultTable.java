package org.csrafiji.eval;

import java.util.Locale;
import java.util.Map;

/**
 * An {@link EvaluationResult} as a plain-text table in percent, with the columns of the CSRA
 * paper's tables (mAP, CP, CR, CF1, OP, OR, OF1) for all scores and for the top-k, then the
 * per-class F1 mean (mmpretrain's "CF1") and the AP of every class.
 */
public final class ResultTable {

	private ResultTable() {}

	/**
	 * @param result an evaluation
	 * @return the table, lines ending in a line break
	 */
	public static String format(EvaluationResult result) {
		StringBuilder sb = new StringBuilder();
		sb.append(String.format(Locale.ROOT,
			"%d samples, %d classes, threshold %s (score >= threshold)%n",
			result.sampleCount(), result.atThreshold().counts().size(),
			result.options().threshold()));
		sb.append(
			String.format(Locale.ROOT, "%-8s%8s%8s%8s%8s%8s%8s%8s%n", "", "mAP", "CP", "CR", "CF1",
				"OP", "OR", "OF1"));
		row(sb, "all", cell(result.mAP()), result.atThreshold());
		row(sb, "top-" + result.options().topK(), "", result.topK());
		sb.append(
			String.format(Locale.ROOT, "CF1 above is 2 CP CR / (CP + CR); the mean of per-class F1"
				+ " (mmpretrain's CF1) is %s%n", cell(result.perClassF1Mean()).strip()));
		sb.append(String.format(Locale.ROOT, "%nAP per class%n"));
		int width = 8;
		for (String name : result.averagePrecision().keySet()) {
			width = Math.max(width, name.length() + 2);
		}
		for (Map.Entry<String, Double> e : result.averagePrecision().entrySet()) {
			sb.append(String.format(Locale.ROOT, "  %-" + width + "s%s%n", e.getKey(),
				cell(e.getValue())));
		}
		return sb.toString();
	}

	private static void row(StringBuilder sb, String name, String map, ThresholdMetrics m) {
		sb.append(String.format(Locale.ROOT, "%-8s%8s%s%s%s%s%s%s%n", name, map, cell(m.cp()),
			cell(m.cr()),
			cell(m.cf1()), cell(m.op()), cell(m.or()), cell(m.of1())));
	}

	private static String cell(double fraction) {
		return Double.isFinite(fraction)
			? String.format(Locale.ROOT, "%8.2f", 100 * fraction)
			: String.format(Locale.ROOT, "%8s", "n/a");
	}
}
