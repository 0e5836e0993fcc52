package org.csrafiji.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Device;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.csrafiji.checkpoint.Checkpoints;
import org.csrafiji.checkpoint.StateDict;
import org.csrafiji.checkpoint.TensorData;
import org.csrafiji.core.ClassLabels;
import org.csrafiji.core.Float32Tolerance;
import org.csrafiji.runtime.Engines;
import org.junit.jupiter.api.Test;

import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;

/**
 * Two SGD steps of a tiny CSRA ResNet-18 (2 heads, one ignored label) against PyTorch
 * (src/test/python/make_train_fixtures.py): losses, every weight, running statistic and
 * num_batches_tracked afterwards.
 */
class TorchParityTest {

	@Test
	void twoStepsMatchPyTorch() throws Exception {
		Path dir = resource("train");
		JsonObject meta = JsonParser.parseString(Files.readString(dir.resolve("step.json")))
			.getAsJsonObject();
		double lr = meta.get("lr").getAsDouble();
		double headLr = meta.get("head_lr").getAsDouble();
		TrainingOptions o = TrainingOptions.defaults().toBuilder().architecture("resnet18").size(32)
			.heads(2).lambda(0.2).headLrMultiplier(headLr / lr).init(dir.resolve("step_init.pth"))
			.build();
		float[] px = floats(Files.readAllBytes(dir.resolve("step_batch.f32")));
		Batch batch = new Batch(4, px, array(meta.getAsJsonArray("targets")), array(meta
			.getAsJsonArray("mask")));
		Engines.inferenceThread();
		try (TrainableNetwork net = TrainableNetwork.create(o, ClassLabels.generic(3), Device
			.cpu()); SgdMomentum sgd = new SgdMomentum(net.trainable(), 0.9, 1e-4))
		{
			JsonArray losses = meta.getAsJsonArray("losses");
			// Float32Tolerance for a training step of ResNet-18 (width 64) at 32 px with its
			// head (512 channels, 1 position): the forward sums, the backward sums through the
			// activations (the same lengths) and the weight gradients (batch x positions, at most
			// the forward lengths here) make three times the forward's accumulation. The loss is
			// a mean of BCE terms of the size of the loss itself, each moving by at most its
			// logit's error (slope <= 1), and the logits of this fresh network are of order 1:
			// |d loss| <= F x max(loss, 1). F = 1.6e-4; the fixed 1e-5 it replaces failed on
			// AVX2-only CPUs (1.3e-5 there).
			double f = Float32Tolerance.ofNetwork(3 * (Float32Tolerance.resnet(18, 64)
				+ Float32Tolerance.csraHead(512, 1)));
			for (int i = 0; i < 2; i++) {
				double loss = Trainer.step(net, sgd, Engines.pytorch(), batch, 32, 3, lr);
				double want = losses.get(i).getAsDouble();
				assertEquals(want, loss, f * Math.max(want, 1), "loss of step " + (i + 1));
			}
			StateDict init = Checkpoints.read(dir.resolve("step_init.pth"));
			StateDict expected = Checkpoints.read(dir.resolve("step_after.pth"));
			Map<String, TensorData> actual = net.stateDict();
			assertEquals(expected.keys(), actual.keySet());
			for (String key : expected.keys()) {
				TensorData e = expected.get(key);
				if (key.endsWith("num_batches_tracked")) {
					assertEquals(e.toLongArray()[0], actual.get(key).toLongArray()[0], key);
					continue;
				}
				float[] ev = e.toFloatArray();
				float[] av = actual.get(key).toFloatArray();
				// After two steps a weight is w0 - (update). The update is made of gradients,
				// each a sum over batch x positions (at most 4 x 16 x 16 = 1024 terms, at the
				// stem's output) of products of both signs: such a sum is about sqrt(1024) = 32
				// times smaller than the sum of its terms' magnitudes, to which its error (F) is
				// relative. So the update is within 32 F of its own scale (the tensor's largest
				// update), and a running statistic, 0.1 of a batch statistic, within F of itself.
				// Measured: at most 1.2e-3 of the update on AVX2, 7e-5 on AVX-512 (32 F = 5.0e-3).
				float[] iv = init.get(key).toFloatArray();
				double update = 0;
				for (int i = 0; i < ev.length; i++)
					update = Math.max(update, Math.abs(ev[i] - iv[i]));
				double tolerance = f * (Math.sqrt(4 * 16 * 16) * update);
				for (int i = 0; i < ev.length; i++) {
					assertEquals(ev[i], av[i], tolerance + f * Math.abs(ev[i]),
						key + "[" + i + "]");
				}
			}
		}
	}

	private static float[] array(JsonArray a) {
		float[] v = new float[a.size()];
		for (int i = 0; i < v.length; i++) {
			v[i] = a.get(i).getAsFloat();
		}
		return v;
	}

	private static float[] floats(byte[] bytes) {
		float[] v = new float[bytes.length / 4];
		ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
		return v;
	}

	static Path resource(String name) throws URISyntaxException {
		return Paths.get(TorchParityTest.class.getClassLoader().getResource(name).toURI());
	}
}
