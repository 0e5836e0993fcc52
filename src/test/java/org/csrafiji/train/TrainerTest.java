package org.csrafiji.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import org.csrafiji.checkpoint.Checkpoints;
import org.csrafiji.checkpoint.StateDict;
import org.csrafiji.core.ClassLabels;
import org.csrafiji.core.Float32Tolerance;
import org.csrafiji.core.ModelSpec;
import org.csrafiji.core.ModelSpecs;
import org.csrafiji.eval.Dataset;
import org.csrafiji.runtime.CsraModel;
import org.csrafiji.runtime.DeviceChoice;
import org.csrafiji.runtime.Engines;
import org.csrafiji.runtime.ModelLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

class TrainerTest {

	@TempDir
	Path tmp;

	@Test
	void aFewStepsOnOneBatchLowerTheLoss() {
		Engines.inferenceThread();
		Batch batch = randomBatch(4, 3, 7);
		try (TrainableNetwork net = TrainableNetwork.create(TinyData.options(), ClassLabels.generic(
			3), Device.cpu()); SgdMomentum sgd = new SgdMomentum(net.trainable(), 0.9, 1e-4))
		{
			double first = Trainer.step(net, sgd, Engines.pytorch(), batch, 32, 3, 0.01);
			double last = first;
			for (int i = 0; i < 8; i++) {
				last = Trainer.step(net, sgd, Engines.pytorch(), batch, 32, 3, 0.01);
			}
			assertTrue(last < 0.8 * first, "loss went from " + first + " to " + last);
		}
	}

	@Test
	void checkpointReadBackByModelLoaderGivesTheSameLogits() {
		Engines.inferenceThread();
		Batch batch = randomBatch(2, 3, 11);
		float[] logits;
		try (TrainableNetwork net = TrainableNetwork.create(TinyData.options().toBuilder().heads(2)
			.build(), ClassLabels.generic(3), Device.cpu());
			SgdMomentum sgd = new SgdMomentum(net
				.trainable(), 0.9, 1e-4))
		{
			for (int i = 0; i < 3; i++) {
				Trainer.step(net, sgd, Engines.pytorch(), batch, 32, 3, 0.05);
			}
			CheckpointFiles.writeModel(tmp, "last", net);
			try (NDManager m = net.manager().newSubManager()) {
				NDArray x = m.create(batch.pixels(), new Shape(2, 3, 32, 32));
				logits = net.forwardInference(x).get(0).toFloatArray();
			}
		}
		ModelSpec spec = ModelSpecs.read(tmp.resolve("last.json"));
		assertEquals(2, spec.heads());
		StateDict saved = Checkpoints.read(tmp.resolve("last.pth"));
		assertEquals(3L, saved.get("layer1.0.bn1.num_batches_tracked").toLongArray()[0]);
		try (CsraModel model = ModelLoader.load(spec, DeviceChoice.CPU)) {
			int n = 3 * 32 * 32;
			// Float32Tolerance: the loaded model folds batch norm into the convolutions and runs
			// another batch size, so it sums in other orders than the training network: the
			// logits agree within F x their scale, F for ResNet-18 at width 4 with a CSRA head
			// over 32 channels and 1 position (two heads).
			double f = Float32Tolerance.ofNetwork(Float32Tolerance.resnet(18, 4)
				+ 2 * Float32Tolerance.csraHead(32, 1));
			for (int b = 0; b < 2; b++) {
				float[] chw = java.util.Arrays.copyOfRange(batch.pixels(), b * n, (b + 1) * n);
				float[] got = model.predict(chw).logits();
				double scale = 0;
				for (int c = 0; c < 3; c++)
					scale = Math.max(scale, Math.abs(logits[b * 3 + c]));
				for (int c = 0; c < 3; c++) {
					assertEquals(logits[b * 3 + c], got[c], f * scale,
						"image " + b + " class " + c);
				}
			}
		}
	}

	@Test
	void cancellingKeepsTheLastEpochAndResumingMatchesAnUninterruptedRun() throws Exception {
		Dataset data = TinyData.write(tmp.resolve("data"), 8, 32, 3);
		TrainingOptions o = TinyData.options().toBuilder().epochs(3).build();
		Path whole = tmp.resolve("whole");
		TrainingResult full = new Trainer(o, data, data, whole, Device.cpu()).run(
			TrainingListener.NONE, () -> false, false);
		assertFalse(full.cancelled());
		assertEquals(3, full.epochsDone());

		Path split = tmp.resolve("split");
		AtomicInteger calls = new AtomicInteger();
		// 2 iterations per epoch: stop before the 4th, i.e. inside the second epoch.
		TrainingResult stopped = new Trainer(o, data, data, split, Device.cpu()).run(
			TrainingListener.NONE, () -> calls.incrementAndGet() > 3, false);
		assertTrue(stopped.cancelled());
		assertEquals(1, stopped.epochsDone());
		assertEquals(1, TrainingState.read(split).epochsDone());
		try (CsraModel model = ModelLoader.load(ModelSpecs.read(stopped.lastSpec()),
			DeviceChoice.CPU))
		{
			assertEquals(3, model.predict(new float[3 * 32 * 32]).scores().length);
		}

		TrainingResult resumed = new Trainer(o, data, data, split, Device.cpu()).run(
			TrainingListener.NONE, () -> false, true);
		assertEquals(3, resumed.epochsDone());
		assertEquals(full.iterations(), resumed.iterations());
		StateDict a = Checkpoints.read(whole.resolve("last.pth"));
		StateDict b = Checkpoints.read(split.resolve("last.pth"));
		for (String key : List.of("conv1.weight", "layer4.1.bn2.running_var",
			"classifier.multi_head.0.head.weight", "bn1.num_batches_tracked"))
		{
			if (key.endsWith("tracked")) {
				assertArrayEquals(a.get(key).toLongArray(), b.get(key).toLongArray(), key);
			}
			else {
				// not two implementations: both runs use the same kernels in one process, whose CPU
				// reductions are deterministic for a fixed thread count, and a resume reloads
				// float32 weights and momenta exactly, so they agree to the bit here; 1e-5 (84 u
				// at |w| <= 1) fails any resume that loses or repeats a step
				assertArrayEquals(a.get(key).toFloatArray(), b.get(key).toFloatArray(), 1e-5f, key);
			}
		}
		assertTrue(Files.exists(split.resolve("best.json")));
	}

	private static Batch randomBatch(int n, int classes, long seed) {
		Random r = new Random(seed);
		float[] px = new float[n * 3 * 32 * 32];
		for (int i = 0; i < px.length; i++) {
			px[i] = r.nextFloat();
		}
		float[] y = new float[n * classes];
		float[] mask = new float[n * classes];
		for (int i = 0; i < y.length; i++) {
			y[i] = r.nextBoolean() ? 1 : 0;
			mask[i] = 1;
		}
		return new Batch(n, px, y, mask);
	}
}
