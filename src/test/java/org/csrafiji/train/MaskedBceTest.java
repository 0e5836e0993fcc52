package org.csrafiji.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MaskedBceTest {

	@Test
	void plainJavaLossAveragesOnlyLabelledEntries() {
		float[] x = {2f, -1f, 0.5f, 30f};
		float[] y = {1f, 0f, 1f, 0f};
		float[] m = {1f, 1f, 1f, 0f};
		double expected = (Math.log(1 + Math.exp(-2)) + Math.log(1 + Math.exp(-1)) + Math.log(1
			+ Math.exp(-0.5))) / 3;
		// double (IEEE strict) against a double reference of 3 terms below 1.4, computed with
		// another log1p/exp formulation: each term within a few ulp (2.2e-16), so within 1e-15;
		// 1e-12 leaves room for Math.log and Math.exp, whose results may differ by an ulp
		// between JVM intrinsics
		assertEquals(expected, MaskedBce.loss(x, y, m), 1e-12);
	}
}
