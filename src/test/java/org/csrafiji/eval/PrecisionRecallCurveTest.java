package org.csrafiji.eval;

import static org.csrafiji.eval.Matrices.column;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.csrafiji.eval.PrecisionRecallCurve.Point;
import org.junit.jupiter.api.Test;

class PrecisionRecallCurveTest {

	@Test
	void givesOnePointPerDistinctScoreWithTiesTogether() {
		PrecisionRecallCurve curve = PrecisionRecallCurve.of(column("PNPIN"),
			column(0.9, 0.5, 0.5, 0.95, 0.1), 0);
		assertEquals("class0", curve.className());
		assertEquals(2, curve.positives());
		assertEquals(List.of(new Point(0.9, 1.0, 0.5), new Point(0.5, 2.0 / 3, 1.0),
			new Point(0.1, 0.5, 1.0)), curve.points());
	}

	@Test
	void startsAtTheFirstThresholdThatFindsAPositive() {
		// ranked N (0.9), N (0.8), P (0.7), N (0.6), P (0.5): above 0.7 no positive is found, so
		// recall is 0 there and the curve begins at (recall 1/2, precision 1/3)
		PrecisionRecallCurve curve = PrecisionRecallCurve.of(column("NNPNP"),
			column(0.9, 0.8, 0.7, 0.6, 0.5), 0);
		assertEquals(List.of(new Point(0.7, 1.0 / 3, 0.5), new Point(0.6, 0.25, 0.5),
			new Point(0.5, 0.4, 1.0)), curve.points());
	}

	@Test
	void aClassWithoutPositivesHasNoPoints() {
		assertEquals(List.of(), PrecisionRecallCurve.of(column("NNI"), column(0.9, 0.5, 0.1), 0)
			.points());
	}
}
