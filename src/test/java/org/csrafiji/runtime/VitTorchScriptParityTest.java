package org.csrafiji.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.csrafiji.checkpoint.Checkpoints;
import org.csrafiji.checkpoint.KeyLayout;
import org.csrafiji.checkpoint.KeyLayouts;
import org.csrafiji.core.CheckpointException;
import org.csrafiji.core.Architecture;
import org.csrafiji.core.ClassLabels;
import org.csrafiji.core.Float32Tolerance;
import org.csrafiji.core.HeadKind;
import org.csrafiji.core.InputSpec;
import org.csrafiji.core.ModelSpec;
import org.csrafiji.core.ModelSpecBuilder;
import org.csrafiji.core.ModelSpecException;
import org.csrafiji.core.ModelSpecs;
import org.csrafiji.core.Prediction;
import org.csrafiji.core.Temperature;
import org.junit.jupiter.api.Test;

import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Parity with PyTorch for ViT backbones in timm's layout (at the positional embedding's own
 * size and interpolated to another) and for TorchScript backbones with CSRA and
 * training-free heads; and the refusals of inputs that cannot work
 * (src/test/python/make_vit_fixtures.py writes the fixtures).
 */
class VitTorchScriptParityTest {

	@Test
	void vitAtItsOwnSize() throws Exception {
		check("vit_native", spec("vit_native", "vit:heads=4", HeadKind.CSRA, 64));
	}

	@Test
	void vitWithInterpolatedPositionalEmbedding() throws Exception {
		JsonObject e = expected("vit_interp");
		assertEquals(4, e.get("grid").getAsInt());
		check("vit_interp", spec("vit_interp", "vit:heads=4", HeadKind.CSRA, 96));
	}

	@Test
	void torchScriptBackboneFromSpecFile() throws Exception {
		ModelSpec spec = ModelSpecs.read(resource("tiny_cnn.json"));
		assertEquals(resource("tiny_cnn.pt"),
			((Architecture.TorchScript) spec.architecture()).file());
		JsonObject json = ModelSpecs.toJson(spec, resource("tiny_cnn.json").getParent());
		assertEquals("torchscript", json.get("architecture").getAsString());
		assertEquals("tiny_cnn.pt", json.get("backbone").getAsString());
		check("tiny_cnn", spec);
	}

	@Test
	void torchScriptBackboneWithTrainingFreeHead() throws Exception {
		ModelSpec spec = new ModelSpecBuilder().name("tiny_cnn_fc").architecture(
			new Architecture.TorchScript(resource("tiny_cnn.pt"), true))
			.head(HeadKind.TRAINING_FREE)
			.lambda(0.3).input(InputSpec.unitRange(64)).checkpoint(resource("tiny_cnn_fc.pth"))
			.trustCode(true).build(3);
		check("tiny_cnn_fc", spec);
	}

	@Test
	void timmViTClassifierRunsTheTrainingFreeHead() throws Exception {
		// timm names a ViT's ImageNet classifier head.weight / head.bias; it is read as fc.*
		assertEquals(KeyLayout.TIMM, KeyLayouts.normalize(Checkpoints.read(resource(
			"timm_vit_head.pth"))).layout());
		check("timm_vit_head", spec("timm_vit_head", "vit:heads=2", HeadKind.TRAINING_FREE, 32));
	}

	@Test
	void torchScriptOutputThatIsNotAFeatureMap() throws Exception {
		ModelSpec spec = ModelSpecs.read(resource("tiny_cnn.json")).toBuilder().architecture(
			new Architecture.TorchScript(resource("flat_output.pt"), true)).build(4);
		String msg = refusal(ModelSpecException.class, spec);
		assertTrue(msg.contains("(1, 16)") && msg.contains("(B, d, h, w)")
			&& msg.contains("flat_output.pt"), msg);
	}

	@Test
	void vitInputThatIsNotAMultipleOfThePatch() throws Exception {
		ModelSpec spec = spec("vit_interp", "vit:heads=4", HeadKind.CSRA, 100);
		String msg = refusal(ModelSpecException.class, spec);
		assertTrue(msg.contains("100") && msg.contains("patch size 16")
			&& msg.contains("4 x 4"), msg);
	}

	@Test
	void headWiderThanTheFeatureMap() throws Exception {
		// vit_native.pth's CSRA head reads 64 features; the scripted CNN gives 16.
		ModelSpec spec = spec("vit_native",
			new Architecture.TorchScript(resource("tiny_cnn.pt"), true), HeadKind.CSRA, 64);
		String msg = refusal(CheckpointException.class, spec);
		assertTrue(msg.contains("64") && msg.contains("16 wide"), msg);
	}

	@Test
	void namedViTThatDoesNotMatchTheCheckpoint() throws Exception {
		ModelSpec spec = spec("vit_native", "vit_b16", HeadKind.CSRA, 64);
		String msg = refusal(CheckpointException.class, spec);
		assertTrue(msg.contains("2 blocks, width 64") && msg.contains(
			"vit_b16"), msg);
	}

	@Test
	void releasedCocoViTLayoutIsExplained() throws Exception {
		CheckpointException ex = assertThrows(CheckpointException.class, () -> KeyLayouts
			.normalize(Checkpoints.read(resource("coco_vit_l16_layout.pth"))));
		assertTrue(ex.getMessage().contains("head1") && ex.getMessage().contains("785") && ex
			.getMessage().contains("ViT-L16 COCO"), ex.getMessage());
	}

	@Test
	void randomViTGivesTheGridOfPatches() {
		ModelSpec spec = new ModelSpecBuilder().name("r").architecture(
			"vit:depth=1,dim=64,heads=4,patch=16").input(InputSpec.unitRange(224)).build(3);
		try (CsraModel model = CsraModel.random(spec, DeviceChoice.CPU, 1)) {
			FloatBuffer in = model.newInputBuffer(1);
			assertEquals(new ai.djl.ndarray.types.Shape(1, 64, 14, 14), model.features(in, 1));
		}
	}

	private static String refusal(Class<? extends RuntimeException> type, ModelSpec spec) {
		return assertThrows(type, () -> ModelLoader.load(spec, DeviceChoice.CPU)).getMessage();
	}

	private static ModelSpec spec(String name, String arch, HeadKind head, int size)
		throws Exception
	{
		return spec(name, Architecture.parse(arch), head, size);
	}

	private static ModelSpec spec(String name, Architecture arch, HeadKind head, int size)
		throws Exception
	{
		JsonObject e = expected(name);
		List<Temperature> temps = new ArrayList<>();
		for (var t : e.getAsJsonArray("temperatures")) {
			temps.add(Temperature.parse(t.getAsString()));
		}
		return new ModelSpecBuilder().name(name).architecture(arch).head(head).heads(temps.size())
			.temperatures(temps).lambda(e.get("lambda").getAsDouble()).input(InputSpec.unitRange(
				size))
			.classes(ClassLabels.generic(e.get("classes").getAsInt())).checkpoint(
				resource(name + ".pth"))
			.trustCode(true).build(e.get("classes").getAsInt());
	}

	private static void check(String name, ModelSpec spec) throws Exception {
		JsonObject e = expected(name);
		try (CsraModel model = ModelLoader.load(spec, DeviceChoice.CPU)) {
			int size = e.get("size").getAsInt();
			List<Prediction> preds = model.predict(ModelParityTest.input(resource(name
				+ ".input.f32"), 2 * 3 * size * size), 2);
			float[] logits = ModelParityTest.floats(e.getAsJsonArray("logits"));
			float[] maps = ModelParityTest.floats(e.getAsJsonArray("score_maps"));
			float[] att = ModelParityTest.floats(e.getAsJsonArray("attention"));
			JsonArray ms = e.getAsJsonArray("maps_shape");
			int heads = ms.get(1).getAsInt(), classes = ms.get(2).getAsInt();
			int h = ms.get(3).getAsInt(), w = ms.get(4).getAsInt();
			double scale = ModelParityTest.maxAbs(logits);
			// Float32Tolerance: logits and maps within F x their scale, F the float32 bound for
			// the larger of the two networks here (the 2-block ViT of width 64 with up to 37
			// tokens, whose 16-tap bicubic position resize adds 16; the TorchScript CNN is
			// shallower); attention = softmax(T x map) within 2 T F mScale (T <= 1 here; T = inf
			// is one-hot).
			double f = Float32Tolerance.ofNetwork(Float32Tolerance.vit(2, 64, 37, 16) + 16
				+ Float32Tolerance.csraHead(64, 36));
			for (int b = 0; b < 2; b++) {
				Prediction p = preds.get(b);
				assertEquals(h, p.attention().height());
				assertEquals(w, p.attention().width());
				for (int c = 0; c < classes; c++) {
					close(logits[b * classes + c], p.logits()[c], f * scale, name
						+ " logit");
					for (int hd = 0; hd < heads; hd++) {
						float[] m = p.attention().scoreMap(hd, c);
						float[] a = p.attention().attention(hd, c);
						int off = ((b * heads + hd) * classes + c) * h * w;
						double mScale = ModelParityTest.maxAbs(Arrays.copyOfRange(maps, off, off + h
							* w));
						for (int k = 0; k < h * w; k++) {
							close(maps[off + k], m[k], f * mScale, name + " map");
							close(att[off + k], a[k], 2 * f * mScale, name + " attention");
						}
					}
				}
			}
			if (!(spec.architecture() instanceof Architecture.TorchScript)) {
				assertTrue(model.warnings().isEmpty(), model.warnings().toString());
			}
		}
	}

	/** Within the tolerance, plus 4 u of the value for the last rounding to float32. */
	private static void close(double expected, double actual, double tolerance, String what) {
		ModelParityTest.close(expected, actual, tolerance, what);
	}

	static Path resource(String file) throws Exception {
		return Path.of(VitTorchScriptParityTest.class.getResource("/vit/" + file).toURI());
	}

	private static JsonObject expected(String name) throws Exception {
		return JsonParser.parseString(Files.readString(resource(name + ".expected.json")))
			.getAsJsonObject();
	}
}
