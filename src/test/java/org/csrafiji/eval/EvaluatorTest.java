package org.csrafiji.eval;

import static org.csrafiji.eval.Matrices.labels;
import static org.csrafiji.eval.Matrices.scores;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.csrafiji.core.ClassLabels;
import org.csrafiji.core.DatasetException;
import org.junit.jupiter.api.Test;

class EvaluatorTest {

	/** Means of ratios of small counts in double (IEEE strict): a few ulp of 1 each. */
	private static final double EPS = 1e-12;

	@Test
	void leavesClassWithoutPositivesOutOfMapAndNamesIt() {
		LabelMatrix labels = labels("PNN", "NNP", "NNN");
		ScoreMatrix scores = scores(new double[]{0.9, 0.8, 0.2}, new double[]{0.1, 0.7, 0.6},
			new double[]{0.3, 0.1, 0.7});
		EvaluationResult r = Evaluator.evaluate(labels, scores, 0.5);
		assertEquals(List.of("class0", "class2"), List.copyOf(r.averagePrecision().keySet()));
		assertFalse(r.averagePrecision().containsKey("class1"));
		assertEquals(1.0, r.averagePrecision().get("class0"), EPS);
		assertEquals(0.5, r.averagePrecision().get("class2"), EPS);
		assertEquals(0.75, r.mAP(), EPS);
		assertEquals(1, r.warnings().size());
		assertTrue(r.warnings().get(0).contains("'class1'"), r.warnings().get(0));
	}

	@Test
	void topThreeVariantsKeepThreeScoresPerImage() {
		// image 0: c2 (0.7) is dropped; image 1: c3 (0.51) is dropped
		LabelMatrix labels = labels("PPPN", "NNNP");
		ScoreMatrix scores = scores(new double[]{0.9, 0.8, 0.7, 0.95},
			new double[]{0.6, 0.55, 0.52, 0.51});
		EvaluationResult r = Evaluator.evaluate(labels, scores, 0.5);
		assertEquals(0.5, r.atThreshold().cp(), EPS);
		assertEquals(1.0, r.atThreshold().cr(), EPS);
		assertEquals(0.25, r.topK().cp(), EPS);
		assertEquals(0.5, r.topK().cr(), EPS);
		assertEquals(1.0 / 3, r.topK().op(), EPS);
		assertEquals(0.5, r.topK().or(), EPS);
		assertEquals(new ClassCounts(0, 1, 1), r.topK().counts().get(2));
	}

	@Test
	void rejectsMismatchedClassesOrRowCounts() {
		LabelMatrix labels = labels("PN", "NP");
		assertThrows(DatasetException.class, () -> Evaluator.evaluate(labels,
			new ScoreMatrix(new ClassLabels(List.of("a", "b")), new double[][]{{1, 0}, {0, 1}}),
			0.5));
		assertThrows(DatasetException.class,
			() -> Evaluator.evaluate(labels, scores(new double[]{1, 0}), 0.5));
	}
}
