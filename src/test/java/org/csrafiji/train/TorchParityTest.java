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
			for (int i = 0; i < 2; i++) {
				double loss = Trainer.step(net, sgd, Engines.pytorch(), batch, 32, 3, lr);
				assertEquals(losses.get(i).getAsDouble(), loss, 1e-5, "loss of step " + (i + 1));
			}
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
				for (int i = 0; i < ev.length; i++) {
					assertEquals(ev[i], av[i], 2e-5 + 2e-4 * Math.abs(ev[i]), key + "[" + i + "]");
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
