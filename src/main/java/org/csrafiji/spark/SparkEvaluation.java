package org.csrafiji.spark;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.csrafiji.core.ModelSpec;
import org.csrafiji.eval.DatasetLoader;
import org.csrafiji.eval.EvaluationOptions;
import org.csrafiji.eval.EvaluationResult;
import org.csrafiji.eval.Evaluator;
import org.csrafiji.eval.Predictions;
import org.csrafiji.eval.ResultTable;
import org.csrafiji.eval.SampleKeys;
import org.csrafiji.eval.ScoreMatrix;
import org.csrafiji.core.DatasetException;

/**
 * {@code --evaluate}: the paper's metrics (mAP, CP, CR, CF1, OP, OR, OF1) of the job's
 * predictions against a labels file, computed by {@link Evaluator}. The per-class average
 * precision ranks all images at once, so the scores (one float per class and image) are brought
 * to the driver; the images themselves never are.
 */
final class SparkEvaluation {

	private SparkEvaluation() {}

	/**
	 * @param rows the predictions, one row per image and slice
	 * @param spec the model
	 * @param table the output layout
	 * @param labels the labels file or folder ({@link DatasetLoader})
	 * @param err where notes and warnings go
	 * @return the result table
	 */
	static String evaluate(Dataset<Row> rows, ModelSpec spec, PredictionTable table, Path labels,
		PrintStream err)
	{
		org.csrafiji.eval.Dataset dataset = DatasetLoader.load(labels, null, spec.classes());
		List<String> columns = new ArrayList<>(List.of(PredictionTable.IMAGE));
		columns.addAll(table.scoreColumns());
		List<Row> scored = rows.filter(rows.col(PredictionTable.ERROR).isNull()).selectExpr(columns
			.stream().map(c -> "`" + c + "`").toArray(String[]::new)).collectAsList();
		List<String> keys = new ArrayList<>();
		Set<String> seen = new HashSet<>();
		double[][] scores = new double[scored.size()][];
		for (int i = 0; i < scored.size(); i++) {
			Row r = scored.get(i);
			String key = SampleKeys.of(r.getString(0));
			if (!seen.add(key)) {
				throw new DatasetException("Two predictions have the image name '" + key + "' ("
					+ r.getString(0)
					+ "); evaluate needs one row per image (no --all-slices, no two"
					+ " images of the same name in different folders).");
			}
			keys.add(key);
			scores[i] = new double[spec.classes().size()];
			for (int c = 0; c < scores[i].length; c++) {
				scores[i][c] = r.getFloat(1 + c);
			}
		}
		Predictions predictions = new Predictions("the Spark job's predictions", keys,
			new ScoreMatrix(spec.classes(), scores));
		EvaluationOptions settings = EvaluationOptions.atThreshold(spec.threshold())
			.withIgnoredInCounts(dataset.ignoredCounting());
		EvaluationResult result = Evaluator.evaluate(dataset, predictions, settings);
		dataset.notes().forEach(n -> err.println("note: " + n));
		result.warnings().forEach(w -> err.println("warning: " + w));
		return ResultTable.format(result);
	}
}
