package org.csrafiji.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;

import org.junit.jupiter.api.Test;

/** The training-step benchmark runs the trainer's real step and reports a rate. */
class TrainingBenchmarkTest {

	@Test
	void reportsAPositiveFiniteRateForATinyNetwork() {
		TrainingOptions o = TrainingOptions.defaults().toBuilder().baseWidth(4).size(32)
			.batchSize(2).build();
		double rate = TrainingBenchmark.imagesPerSecond(o, 3, 1, 2, Device.cpu());
		assertTrue(rate > 0 && Double.isFinite(rate), "rate " + rate);
	}
}
