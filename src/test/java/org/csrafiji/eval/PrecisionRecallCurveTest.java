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
}
