package org.csrafiji.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MaskedBceTest {

	@Test
	void plainJavaLossAveragesOnlyLabelledEntries() {
		float[] x = { 2f, -1f, 0.5f, 30f };
		float[] y = { 1f, 0f, 1f, 0f };
		float[] m = { 1f, 1f, 1f, 0f };
		double expected = (Math.log(1 + Math.exp(-2)) + Math.log(1 + Math.exp(-1)) + Math.log(1
			+ Math.exp(-0.5))) / 3;
		assertEquals(expected, MaskedBce.loss(x, y, m), 1e-12);
	}
}
