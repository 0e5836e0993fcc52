package org.csrafiji.eval;

import static org.csrafiji.eval.Matrices.column;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AveragePrecisionTest {

	private static double ap(String labels, double... scores) {
		return AveragePrecision.of(column(labels), column(scores), 0);
	}

	@Test
	void averagesPrecisionAtEachPositivesRank() {
		// ranked: P (1/1), N, P (2/3), N, P (3/5)
		// double (IEEE strict) sums of at most 3 precisions against the same rationals: each
		// side within 3 ulp of 1 (2.2e-16 each), so 1e-15 holds
		assertEquals((1.0 + 2.0 / 3 + 3.0 / 5) / 3, ap("NPNPNP", 0.8, 0.9, 0.6, 0.7, 0.4, 0.5),
			1e-15);
	}

	@Test
	void perfectRankingScoresOne() {
		assertEquals(1.0, ap("PPNN", 0.9, 0.8, 0.3, 0.1), 0);
	}

	@Test
	void breaksTiesByInputOrder() {
		// 0.5 is tied: the sample listed first is ranked first.
		assertEquals((1.0 + 2.0 / 3) / 2, ap("PNPN", 0.9, 0.5, 0.5, 0.1), 1e-15);
		assertEquals(1.0, ap("PPNN", 0.9, 0.5, 0.5, 0.1), 0);
		// scikit-learn would give 2/3 here (one threshold for the tied run); stable order gives 1
		assertEquals(1.0, ap("PPN", 0.5, 0.5, 0.5), 0);
		assertEquals(1.0 / 3, ap("NNP", 0.5, 0.5, 0.5), 1e-15);
	}

	@Test
	void dropsIgnoredSamplesFromTheRanking() {
		// The ignored sample scores highest; counted as a negative it would halve the AP.
		assertEquals((1.0 + 2.0 / 3) / 2, ap("PINP", 0.2, 0.99, 0.5, 0.8), 1e-15);
	}

	@Test
	void classWithoutPositivesIsUndefined() {
		assertTrue(Double.isNaN(ap("NNN", 0.1, 0.2, 0.3)));
		assertTrue(Double.isNaN(ap("NIN", 0.1, 0.2, 0.3)));
		assertTrue(Double.isNaN(ap("III", 0.1, 0.2, 0.3)));
	}
}
