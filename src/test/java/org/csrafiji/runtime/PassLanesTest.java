package org.csrafiji.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.csrafiji.core.ModelSpec;
import org.csrafiji.core.ModelSpecBuilder;
import org.junit.jupiter.api.Test;

import ai.djl.pytorch.jni.JniUtils;

/**
 * Lanes follow the engine's thread count of the caller (so a process told to use one thread
 * keeps one), one lane runs on the caller's own thread, and several run on threads of their
 * own with their share of the threads.
 */
class PassLanesTest {

	private static final ModelSpec SPEC = new ModelSpecBuilder().name("t").architecture(
		"resnet18").size(32).build(2);

	@Test
	void lanesShareTheCallersEngineThreads() {
		try (CsraModel model = CsraModel.random(SPEC, DeviceChoice.CPU, 3)) {
			Engines.inferenceThread();
			int before = JniUtils.getNumThreads();
			try {
				JniUtils.setNumThreads(1);
				assertEquals(1, PassLanes.forJobs(model).lanes());
				JniUtils.setNumThreads(2);
				assertEquals(2, PassLanes.forJobs(model).lanes());
				JniUtils.setNumThreads(12);
				assertEquals(PassLanes.MOST_LANES, PassLanes.forJobs(model).lanes());
			}
			finally {
				JniUtils.setNumThreads(before);
			}
		}
	}

	@Test
	void oneLaneIsTheCallersThreadAndSeveralAreTheirOwn() throws Exception {
		try (CsraModel model = CsraModel.random(SPEC, DeviceChoice.CPU, 3)) {
			Engines.inferenceThread();
			int before = JniUtils.getNumThreads();
			try (PassLanes one = PassLanes.forJobs(model, 1)) {
				assertSame(Thread.currentThread(), one.submit(Thread::currentThread).get());
			}
			int[] threads = new int[1];
			try (PassLanes two = PassLanes.forJobs(model, 2)) {
				assertNotSame(Thread.currentThread(), two.submit(Thread::currentThread).get());
				two.submit(() -> threads[0] = JniUtils.getNumThreads()).get();
			}
			assertEquals(1, threads[0], "each of two lanes on 2 cores has one engine thread");
			assertEquals(before, JniUtils.getNumThreads(), "the caller's count is back");
		}
	}
}
