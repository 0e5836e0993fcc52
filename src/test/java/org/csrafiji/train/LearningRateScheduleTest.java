package org.csrafiji.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LearningRateScheduleTest {

	@Test
	void warmsUpLinearlyFromZeroPerIteration() {
		// 10 iterations per epoch, 2 warm-up epochs: lr = 0.01 * t / 20 for t < 20.
		LearningRateSchedule s = new LearningRateSchedule(0.01, 20, 4, 0.1);
		// double (IEEE strict): a product and a quotient of exact small integers and 0.01, each
		// within an ulp of 0.01 (1.7e-18); 1e-15 and 1e-16 are a few hundred ulp
		assertEquals(0.0, s.at(0, 0), 1e-15);
		assertEquals(0.01 * 5 / 20, s.at(0, 5), 1e-15);
		assertEquals(0.01 * 19 / 20, s.at(1, 19), 1e-15);
		assertEquals(0.01, s.at(2, 20), 1e-15);
	}

	@Test
	void decaysByGammaEveryStepEpochs() {
		LearningRateSchedule s = new LearningRateSchedule(0.01, 20, 4, 0.1);
		assertEquals(0.01, s.at(3, 39), 1e-15);
		assertEquals(0.001, s.at(4, 40), 1e-15);
		assertEquals(0.001, s.at(7, 79), 1e-15);
		assertEquals(0.0001, s.at(8, 80), 1e-16);
	}

	@Test
	void withoutStepOrWarmUpStaysConstant() {
		LearningRateSchedule s = new LearningRateSchedule(0.1, 0, 0, 0.1);
		assertEquals(0.1, s.at(0, 0), 0);
		assertEquals(0.1, s.at(30, 12345), 0);
	}
}
