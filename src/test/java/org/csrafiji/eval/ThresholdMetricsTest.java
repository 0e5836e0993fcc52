package org.csrafiji.eval;

import static org.csrafiji.eval.Matrices.labels;
import static org.csrafiji.eval.Matrices.scores;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ThresholdMetricsTest {

	/** Ratios of small counts in double (IEEE strict) against the same rationals: 1 ulp each. */
	private static final double EPS = 1e-12;

	// class 0: tp 1 of pred 2, gt 2; class 1: tp 2 of pred 3 (one at exactly 0.5), gt 2;
	// class 2: gt 1 (image 3), image 0 ignored but scored 0.9
	private static final LabelMatrix LABELS = labels("PNI", "NPN", "PPN", "NNP");
	private static final ScoreMatrix SCORES = scores(
		new double[]{0.6, 0.5, 0.9},
		new double[]{0.4, 0.7, 0.2},
		new double[]{0.3, 0.8, 0.1},
		new double[]{0.7, 0.1, 0.6});

	@Test
	void matchesHandComputedValuesWithIgnoredDropped() {
		ThresholdMetrics m = ThresholdMetrics.compute(LABELS, SCORES, 0.5,
			IgnoredLabelCounting.DROP);
		assertEquals(new ClassCounts(1, 2, 2), m.counts().get(0));
		assertEquals(new ClassCounts(2, 3, 2), m.counts().get(1));
		assertEquals(new ClassCounts(1, 1, 1), m.counts().get(2));
		assertEquals(13.0 / 18, m.cp(), EPS);
		assertEquals(5.0 / 6, m.cr(), EPS);
		assertEquals(65.0 / 84, m.cf1(), EPS);
		assertEquals(4.0 / 6, m.op(), EPS);
		assertEquals(4.0 / 5, m.or(), EPS);
		assertEquals(8.0 / 11, m.of1(), EPS);
		assertEquals((0.5 + 0.8 + 1.0) / 3, m.perClassF1Mean(), EPS);
	}

	@Test
	void countsIgnoredAsNegativeWhenAsked() {
		ThresholdMetrics m = ThresholdMetrics.compute(LABELS, SCORES, 0.5,
			IgnoredLabelCounting.AS_NEGATIVE);
		assertEquals(new ClassCounts(1, 2, 1), m.counts().get(2));
		assertEquals(5.0 / 9, m.cp(), EPS);
		assertEquals(4.0 / 7, m.op(), EPS);
		assertEquals(4.0 / 5, m.or(), EPS);
	}

	@Test
	void scoreExactlyAtThresholdIsAPositivePrediction() {
		ThresholdMetrics m = ThresholdMetrics.compute(labels("P", "N"), scores(new double[]{0.5},
			new double[]{0.4999999}), 0.5, IgnoredLabelCounting.DROP);
		assertEquals(new ClassCounts(1, 1, 1), m.counts().get(0));
	}

	@Test
	void classWithoutPredictionsCountsOnePredictionAsTheOfficialCodeDoes() {
		ThresholdMetrics m = ThresholdMetrics.compute(labels("PP", "NN"),
			scores(new double[]{0.9, 0.2}, new double[]{0.1, 0.3}), 0.5, IgnoredLabelCounting.DROP);
		assertEquals(new ClassCounts(0, 0, 1), m.counts().get(1));
		assertEquals(0.5, m.cp(), EPS);
		assertEquals(0.5, m.op(), EPS); // 1 tp over 1 + (0 counted as 1)
		assertEquals(0.5, m.or(), EPS);
	}

	@Test
	void classWithoutPositivesIsLeftOutOfClassMeansButCountsInOverall() {
		ThresholdMetrics m = ThresholdMetrics.compute(labels("PN", "NN"),
			scores(new double[]{0.9, 0.8}, new double[]{0.1, 0.3}), 0.5, IgnoredLabelCounting.DROP);
		assertEquals(1.0, m.cp(), EPS);
		assertEquals(1.0, m.cr(), EPS);
		assertEquals(1.0, m.perClassF1Mean(), EPS);
		assertEquals(0.5, m.op(), EPS); // the false positive of class 1 counts
	}

	@Test
	void cf1IsTheHarmonicMeanOfTheMeansNotTheMeanOfF1() {
		// class 0: p 1, r 1/4; class 1: p 1/4, r 1 -> CP = CR = 5/8, CF1 = 5/8, mean F1 = 2/5
		ThresholdMetrics m = ThresholdMetrics.compute(
			labels("PP", "PN", "PN", "PN", "NN", "NN", "NN"),
			scores(new double[]{0.9, 0.9}, new double[]{0.1, 0.9}, new double[]{0.1, 0.9},
				new double[]{0.1, 0.9}, new double[]{0.1, 0.1}, new double[]{0.1, 0.1},
				new double[]{0.1, 0.1}),
			0.5, IgnoredLabelCounting.DROP);
		assertEquals(5.0 / 8, m.cf1(), EPS);
		assertEquals(0.4, m.perClassF1Mean(), EPS);
	}

	@Test
	void nothingRightGivesZeroF1NotNaN() {
		ThresholdMetrics m = ThresholdMetrics.compute(labels("P", "N"),
			scores(new double[]{0.1}, new double[]{0.9}), 0.5, IgnoredLabelCounting.DROP);
		assertEquals(0, m.cf1(), 0);
		assertEquals(0, m.of1(), 0);
		assertTrue(m.counts().get(0).defined());
	}
}
