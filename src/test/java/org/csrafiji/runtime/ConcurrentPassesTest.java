package org.csrafiji.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.FloatBuffer;
import java.util.List;
import java.util.Random;

import org.csrafiji.core.CsraException;
import org.csrafiji.core.Float32Tolerance;
import org.csrafiji.core.ModelSpec;
import org.csrafiji.core.ModelSpecBuilder;
import org.csrafiji.core.Prediction;
import org.junit.jupiter.api.Test;

import ai.djl.pytorch.jni.JniUtils;

/**
 * Passes side by side give each image its own scores, in order, leave the caller's engine
 * threads as they were, and hand a pass's failure to the caller unchanged.
 */
class ConcurrentPassesTest {

	private static final int SIZE = 64;

	private static ModelSpec spec() {
		return new ModelSpecBuilder().name("t").architecture("resnet18").size(SIZE).build(4);
	}

	private static FloatBuffer images(CsraModel model, int n, long seed) {
		FloatBuffer in = model.newInputBuffer(n);
		Random random = new Random(seed);
		for (int i = 0; i < in.capacity(); i++) {
			in.put(i, random.nextFloat());
		}
		return in;
	}

	/**
	 * Against one pass per image on the caller's thread. A single-threaded convolution may sum in
	 * another order than a multi-threaded one: logits then differ by the float32 bound of the
	 * network (Float32Tolerance, ResNet-18 plus the head's 512-long sums) times their scale,
	 * and a sigmoid's slope is at most 1/4.
	 */
	@Test
	void eachImageGetsItsOwnScoresInOrder() {
		try (CsraModel model = CsraModel.random(spec(), DeviceChoice.CPU, 9)) {
			int n = 7;
			FloatBuffer in = images(model, n, 4);
			List<double[]> side;
			try (ConcurrentPasses passes = new ConcurrentPasses(model, 3, 1)) {
				side = passes.scores(in, n);
				// the kept threads give the same again
				List<double[]> again = passes.scores(in, n);
				for (int i = 0; i < n; i++) {
					org.junit.jupiter.api.Assertions.assertArrayEquals(side.get(i), again.get(i));
				}
			}
			assertEquals(n, side.size());
			int per = 3 * SIZE * SIZE;
			double tol = Float32Tolerance.ofNetwork(Float32Tolerance.resnet(18, 64) + 512);
			for (int i = 0; i < n; i++) {
				float[] chw = new float[per];
				in.get(i * per, chw);
				Prediction alone = model.predict(chw);
				double scale = 0;
				for (float l : alone.logits()) {
					scale = Math.max(scale, Math.abs(l));
				}
				for (int c = 0; c < 4; c++) {
					assertEquals(alone.scores()[c], side.get(i)[c], 0.25 * tol * scale + 1e-7,
						"image " + i + ", class " + c);
				}
			}
			// Neighbours are told apart: the images differ, so would their scores if mixed up.
			assertTrue(side.get(0)[0] != side.get(1)[0] || side.get(0)[1] != side.get(1)[1]);
		}
	}

	/**
	 * The pass threads set libtorch's count to 1, which is also the count every thread takes at
	 * its first operation; after close, a new thread gets the caller's count again (the caller's
	 * own thread keeps its count in any case, once it has run an operation).
	 */
	@Test
	void theCallersEngineThreadsAreKept() throws Exception {
		try (CsraModel model = CsraModel.random(spec(), DeviceChoice.CPU, 9)) {
			Engines.inferenceThread();
			int before = JniUtils.getNumThreads();
			assumeTrue(before > 1, "one engine thread already: nothing to tell apart");
			ConcurrentPasses passes = new ConcurrentPasses(model, 2, 1);
			passes.scores(images(model, 4, 1), 4);
			passes.scores(images(model, 4, 1), 4);
			passes.close();
			assertEquals(before, JniUtils.getNumThreads());
			int[] fresh = new int[1];
			Thread t = new Thread(() -> {
				Engines.inferenceThread();
				model.predict(images(model, 1, 3), 1);
				fresh[0] = JniUtils.getNumThreads();
			});
			t.start();
			t.join();
			assertEquals(before, fresh[0], "a thread started after the job");
			// no pass thread is left
			assertTrue(Thread.getAllStackTraces().keySet().stream().noneMatch(th -> th.getName()
				.equals("csra-pass") && th.isAlive()));
		}
	}

	@Test
	void aFailingPassFailsTheCallWithItsOwnMessage() {
		try (CsraModel model = CsraModel.random(spec(), DeviceChoice.CPU, 9)) {
			FloatBuffer in = images(model, 4, 2);
			for (int i = 3 * 3 * SIZE * SIZE; i < in.capacity(); i++) {
				in.put(i, Float.NaN); // the fourth image, in the second pass
			}
			CsraException e;
			try (ConcurrentPasses passes = new ConcurrentPasses(model, 2, 1)) {
				e = assertThrows(CsraException.class, () -> passes.scores(in, 4));
			}
			assertInstanceOf(CsraException.class, e);
			assertTrue(e.getMessage().contains("NaN"), e.getMessage());
		}
	}
}
