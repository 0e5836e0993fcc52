package org.csrafiji.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.measure.ResultsTable;

import org.csrafiji.core.ClassLabels;
import org.csrafiji.eval.EvaluationResult;
import org.csrafiji.eval.Evaluator;
import org.csrafiji.eval.LabelMatrix;
import org.csrafiji.eval.LabelRow;
import org.csrafiji.eval.LabelState;
import org.csrafiji.eval.ScoreMatrix;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.io.TempDir;

/**
 * The Fiji metric tables show every percentage with the same two decimals (100.00 beside
 * 83.33, never 100), an undefined value as n/a, and no NaN for the top-3 mAP, which does not
 * exist: the row says why its cell is empty.
 */
class MetricsTablesTest {

	private static final LabelState P = LabelState.POSITIVE;
	private static final LabelState N = LabelState.NEGATIVE;

	/**
	 * Class 0 ranks its two positives first (AP 1), class 1 has a negative between its two
	 * positives (AP (1/1 + 2/3) / 2 = 5/6), class 2 has no positive (AP undefined); mAP over the
	 * classes with positives is (1 + 5/6) / 2 = 11/12.
	 */
	private static EvaluationResult result() {
		ClassLabels classes = new ClassLabels(List.of("a", "b", "c"));
		LabelMatrix labels = new LabelMatrix(classes,
			List.of(LabelRow.of(P, N, N), LabelRow.of(N, P,
				N), LabelRow.of(P, P, N), LabelRow.of(N, N, N)));
		ScoreMatrix scores = new ScoreMatrix(classes, new double[][]{{0.9, 0.8, 0.1}, {0.2, 0.3,
			0.2}, {0.8, 0.9, 0.3}, {0.1, 0.1, 0.05}});
		return Evaluator.evaluate(labels, scores, 0.5);
	}

	@Test
	void percentagesHaveTwoDecimalsAndTheTopKRowExplainsItsEmptyMap(@TempDir Path dir)
		throws Exception
	{
		ResultsTable rt = MetricsTables.metrics(result());
		assertEquals("91.67", rt.getStringValue("mAP", 0));
		assertEquals("", rt.getStringValue("mAP", 1));
		assertEquals("", rt.getStringValue(MetricsTables.NOTE, 0));
		assertTrue(rt.getStringValue(MetricsTables.NOTE, 1).contains("no top-3 value"), rt
			.getStringValue(MetricsTables.NOTE, 1));
		for (int row = 0; row < 2; row++) {
			for (String column : MetricsTables.METRICS.subList(1, MetricsTables.METRICS.size())) {
				String cell = rt.getStringValue(column, row);
				assertTrue(cell.matches("\\d+\\.\\d\\d|n/a"), column + " row " + row + ": " + cell);
			}
		}
		Path csv = dir.resolve("m.csv");
		rt.saveAs(csv.toString());
		String saved = Files.readString(csv);
		assertTrue(!saved.contains("NaN") && saved.contains("91.67"), saved);
	}

	@Test
	void averagePrecisionReads100Point00AndNaForAClassWithoutPositives() {
		ResultsTable rt = MetricsTables.averagePrecision(result(), List.of("a", "b", "c"));
		assertEquals(List.of("100.00", "83.33", "n/a"), List.of(rt.getStringValue("AP", 0), rt
			.getStringValue("AP", 1), rt.getStringValue("AP", 2)));
		assertEquals(List.of("2", "2", "0"), List.of(rt.getStringValue("positives", 0), rt
			.getStringValue("positives", 1), rt.getStringValue("positives", 2)));
	}
}
