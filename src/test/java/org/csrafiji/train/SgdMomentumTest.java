package org.csrafiji.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;

import org.csrafiji.core.ClassLabels;
import org.csrafiji.runtime.Engines;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;

class SgdMomentumTest {

	private static final double LR = 0.02;
	private static final double WD = 1e-4;

	@Test
	void headAndBackboneUseTheirOwnLearningRatesWithTorchMomentum() {
		Engines.inferenceThread();
		try (TrainableNetwork net = TrainableNetwork.create(TinyData.options(), ClassLabels.generic(
			3), Device.cpu()); SgdMomentum sgd = new SgdMomentum(net.trainable(), 0.9, WD))
		{
			Map<String, TrainableParameter> byKey = net.trainable().stream().collect(Collectors
				.toMap(TrainableParameter::key, Function.identity()));
			TrainableParameter conv = byKey.get("conv1.weight");
			TrainableParameter head = byKey.get("classifier.multi_head.0.head.weight");
			assertEquals(1.0, conv.lrMultiplier());
			assertEquals(10.0, head.lrMultiplier());
			assertTrue(byKey.keySet().stream().noneMatch(k -> k.contains("running")));

			float[][] before = {conv.array().toFloatArray(), head.array().toFloatArray()};
			float[][] g1 = backward(net, List.of(conv, head), 1);
			sgd.step(LR);
			float[][] buf = new float[2][];
			double[] mult = {1, 10};
			for (int k = 0; k < 2; k++) {
				float[] expected = new float[before[k].length];
				buf[k] = new float[before[k].length];
				for (int i = 0; i < expected.length; i++) {
					buf[k][i] = (float) (g1[k][i] + WD * before[k][i]);
					expected[i] = (float) (before[k][i] - LR * mult[k] * buf[k][i]);
				}
				assertClose(expected, (k == 0 ? conv : head).array().toFloatArray());
			}

			float[][] mid = {conv.array().toFloatArray(), head.array().toFloatArray()};
			float[][] g2 = backward(net, List.of(conv, head), 2);
			sgd.step(LR / 2);
			for (int k = 0; k < 2; k++) {
				float[] expected = new float[mid[k].length];
				for (int i = 0; i < expected.length; i++) {
					double b = 0.9 * buf[k][i] + g2[k][i] + WD * mid[k][i];
					expected[i] = (float) (mid[k][i] - LR / 2 * mult[k] * b);
				}
				assertClose(expected, (k == 0 ? conv : head).array().toFloatArray());
			}
		}
	}

	/** Runs forward + backward on a random batch and returns the gradients of the given. */
	private static float[][] backward(TrainableNetwork net, List<TrainableParameter> of,
		long seed)
	{
		Random r = new Random(seed);
		float[] px = new float[2 * 3 * 32 * 32];
		for (int i = 0; i < px.length; i++) {
			px[i] = r.nextFloat();
		}
		Engine engine = Engines.pytorch();
		try (NDManager m = net.manager().newSubManager()) {
			NDArray x = m.create(px, new Shape(2, 3, 32, 32));
			NDArray y = m.create(new float[]{1, 0, 1, 0, 1, 1}, new Shape(2, 3));
			NDArray mask = m.ones(new Shape(2, 3));
			try (GradientCollector gc = engine.newGradientCollector()) {
				gc.backward(MaskedBce.loss(net.forwardTraining(x).get(0), y, mask));
			}
			float[][] out = new float[of.size()][];
			for (int k = 0; k < of.size(); k++) {
				try (NDArray g = of.get(k).array().getGradient()) {
					out[k] = g.toFloatArray();
				}
			}
			return out;
		}
	}

	private static void assertClose(float[] expected, float[] actual) {
		assertEquals(expected.length, actual.length);
		for (int i = 0; i < expected.length; i++) {
			// element-wise float32 update (no sums, so no instruction-set dependence) against a
			// double reference: at most 5 roundings of operands of order |w| and lr |v| (<= 1),
			// 5 u = 3e-7, well within 1e-6 + 1e-5 |w|
			assertEquals(expected[i], actual[i], 1e-6 + 1e-5 * Math.abs(expected[i]),
				"element " + i);
		}
	}
}
