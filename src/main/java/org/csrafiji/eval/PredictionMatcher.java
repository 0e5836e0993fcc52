package org.csrafiji.eval;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.csrafiji.core.DatasetException;

/**
 * Lines predictions up with a dataset: rows by sample key ({@link SampleKeys}), columns by class
 * name (exact, else ignoring case and treating {@code _}, {@code -} and blanks alike). Every
 * labelled sample needs a prediction and every prediction a label; the error names the first
 * sample or class missing on either side.
 */
public final class PredictionMatcher {

	private PredictionMatcher() {}

	/**
	 * @param dataset the labels
	 * @param predictions the scores
	 * @return both in the dataset's sample and class order
	 */
	public static MatchedData match(Dataset dataset, Predictions predictions) {
		int[] column = ClassMatching.indices(predictions.scores().classes().names(),
			predictions.source(), dataset.classes(), dataset.source());
		Map<String, Integer> rowOf = index(predictions.keys(), predictions.source());
		index(dataset.samples().stream().map(Sample::key).toList(), dataset.source());
		List<String> missing = new ArrayList<>();
		double[][] scores = new double[dataset.samples().size()][];
		for (int i = 0; i < scores.length; i++) {
			String key = dataset.samples().get(i).key();
			Integer row = rowOf.remove(key);
			if (row == null) {
				missing.add(key);
				continue;
			}
			double[] all = predictions.scores().row(row);
			scores[i] = new double[column.length];
			for (int c = 0; c < column.length; c++) {
				scores[i][c] = all[column[c]];
			}
		}
		if (!missing.isEmpty()) {
			throw new DatasetException("Image '" + missing.get(0) + "' of " + dataset.source()
				+ " has no scores in " + predictions.source() + others(missing.size())
				+ "; predict every labelled image, or evaluate on the images you predicted.");
		}
		if (!rowOf.isEmpty()) {
			String extra = predictions.keys().stream().filter(rowOf::containsKey).findFirst()
				.orElseThrow();
			throw new DatasetException("Image '" + extra + "' of " + predictions.source()
				+ " has no labels in " + dataset.source() + others(rowOf.size())
				+ "; give labels for every predicted image, or leave the extra rows out.");
		}
		return new MatchedData(dataset.labelMatrix(), new ScoreMatrix(dataset.classes(), scores));
	}

	private static Map<String, Integer> index(List<String> keys, String source) {
		Map<String, Integer> rowOf = new HashMap<>();
		for (int i = 0; i < keys.size(); i++) {
			Integer before = rowOf.put(keys.get(i), i);
			if (before != null) {
				throw new DatasetException("Image '" + keys.get(i) + "' appears twice in " + source
					+ " (entries " + (before + 1) + " and " + (i + 1)
					+ "); images are matched by file name"
					+ " without extension, so give every image a distinct name.");
			}
		}
		return rowOf;
	}

	private static String others(int count) {
		return count == 1 ? "" : " (and " + (count - 1) + " more)";
	}
}
