package org.csrafiji.runtime;

import static org.csrafiji.runtime.VitTorchScriptParityTest.resource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.csrafiji.core.CheckpointException;
import org.csrafiji.core.ClassLabels;
import org.csrafiji.core.CsraException;
import org.csrafiji.core.HeadKind;
import org.csrafiji.core.InputSpec;
import org.csrafiji.core.ModelSpec;
import org.csrafiji.core.ModelSpecException;
import org.csrafiji.core.ModelSpecs;
import org.csrafiji.core.Architecture;
import org.csrafiji.core.Setting;
import org.junit.jupiter.api.Test;

import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Optional;

/**
 * A TorchScript backbone is a program: it is loaded only with the user's consent, its file is
 * checked before libtorch reads it, and its output is checked before it reaches a table. Also
 * the refusal of non-finite weights and of logits that overflow. Fixtures:
 * src/test/python/make_torchscript_hostile_fixtures.py (real PyTorch).
 */
class TorchScriptSafetyTest {

	private static ModelSpec tinyCnn() throws Exception {
		return ModelSpecs.read(resource("tiny_cnn.json"));
	}

	private static ModelSpec withBackbone(String file) throws Exception {
		return tinyCnn().toBuilder()
			.architecture(new Architecture.TorchScript(resource(file), true))
			.build(4);
	}

	private static String refusal(Class<? extends RuntimeException> type, ModelSpec spec) {
		return assertThrows(type, () -> ModelLoader.load(spec, DeviceChoice.CPU)).getMessage();
	}

	/** Every value 0.75: above the 0.5 at which nan_when_bright.pt turns NaN. */
	private static FloatBuffer bright(CsraModel model, int batch) {
		FloatBuffer in = model.newInputBuffer(batch);
		float[] v = new float[in.capacity()];
		Arrays.fill(v, 0.75f);
		in.put(v).flip();
		return in;
	}

	@Test
	void torchScriptWithoutConsentIsRefusedNamingTheSettingAndFile() throws Exception {
		ModelSpec spec = tinyCnn().toBuilder().trustCode(false).build(4);
		ModelSpecException e = assertThrows(ModelSpecException.class, () -> ModelLoader.load(spec,
			DeviceChoice.CPU));
		String msg = e.getMessage();
		assertTrue(msg.contains("tiny_cnn.pt") && msg.contains("program") && msg.contains(
			"\"trust_code\": true"), msg);
		// Each front end words the consent its own way (the command line: --trust-torchscript).
		assertEquals(Optional.of(Setting.TRUST_CODE), e.setting());
		assertEquals(Optional.of(resource("tiny_cnn.pt")), e.file());
	}

	@Test
	void consentIsReadFromAndWrittenToTheSpec() throws Exception {
		assertTrue(tinyCnn().trustCode());
		assertTrue(ModelSpecs.toJson(tinyCnn(), null).get("trust_code").getAsBoolean());
		assertTrue(!ModelSpecs.toJson(tinyCnn().toBuilder().trustCode(false).build(4), null).has(
			"trust_code"));
	}

	@Test
	void storageShorterThanDeclaredIsRefusedBeforeLibtorchReadsIt() throws Exception {
		String msg = refusal(ModelSpecException.class, withBackbone("short_storage.pt"));
		assertTrue(msg.contains("short_storage.pt") && msg.contains("storage 7") && msg.contains(
			"1152 float32 elements (4608 bytes)") && msg.contains("only 100 bytes"), msg);
	}

	@Test
	void nonFiniteFeaturesAreRefusedBeforeTheyReachATable() throws Exception {
		// The all-zero probe at load time is finite; bright images give NaN features.
		try (CsraModel model = ModelLoader.load(withBackbone("nan_when_bright.pt"),
			DeviceChoice.CPU))
		{
			ModelSpecException e = assertThrows(ModelSpecException.class,
				() -> model.predict(bright(
					model, 1), 1));
			assertTrue(e.getMessage().contains("nan_when_bright.pt") && e.getMessage().contains(
				"NaN or infinite"), e.getMessage());
		}
	}

	@Test
	void featureMapOfAnotherBatchSizeIsRefused() throws Exception {
		// The probe has batch 1, so the module loads; a batch of 2 gives 1 feature map.
		try (
			CsraModel model = ModelLoader.load(withBackbone("batch_of_one.pt"), DeviceChoice.CPU))
		{
			ModelSpecException e = assertThrows(ModelSpecException.class,
				() -> model.predict(bright(
					model, 2), 2));
			assertTrue(e.getMessage().contains("(2, 3, 64, 64)") && e.getMessage().contains(
				"(1, 16, 16, 16)"), e.getMessage());
		}
	}

	@Test
	void nanWeightIsRefusedNamingTheTensor() throws Exception {
		ModelSpec spec = tinyCnn().withCheckpoint(resource("tiny_cnn_head_nan.pth"));
		String msg = refusal(CheckpointException.class, spec);
		assertTrue(msg.contains("classifier.multi_head.0.head.weight") && msg.contains("NaN")
			&& msg.contains("element 5"), msg);
	}

	@Test
	void logitsThatOverflowAreRefusedInsteadOfScoredOne() throws Exception {
		// Every classifier weight is 3e38 (finite): 16 features times 3e38 overflow float32.
		ModelSpec spec = tinyCnn().toBuilder().head(HeadKind.TRAINING_FREE).lambda(0.3).input(
			InputSpec.unitRange(64)).classes(ClassLabels.generic(3)).checkpoint(resource(
				"tiny_cnn_fc_huge.pth"))
			.build(3);
		try (CsraModel model = ModelLoader.load(spec, DeviceChoice.CPU)) {
			CsraException e = assertThrows(CsraException.class,
				() -> model.predict(bright(model, 1),
					1));
			assertTrue(e.getMessage().contains("logits") && e.getMessage().contains("overflowed")
				&& e.getMessage().contains("class '"), e.getMessage());
			assertEquals(3, model.spec().classes().size());
		}
	}
}
