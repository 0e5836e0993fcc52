package org.csrafiji.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.csrafiji.core.CheckpointException;
import org.csrafiji.core.ClassLabels;
import org.csrafiji.core.Float32Tolerance;
import org.csrafiji.core.HeadKind;
import org.csrafiji.core.InputSpec;
import org.csrafiji.core.ModelSpec;
import org.csrafiji.core.ModelSpecBuilder;
import org.csrafiji.core.ModelSpecException;
import org.csrafiji.core.Prediction;
import org.csrafiji.core.Temperature;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Whole-network parity with PyTorch: small ResNets in torchvision's layout with CSRA or
 * training-free heads, saved by torch.save in every key layout, and the logits, score maps
 * and attention PyTorch computed for a fixed input (src/test/python/make_model_fixtures.py).
 */
class ModelParityTest {

	@ParameterizedTest
	@ValueSource(strings = {"official_r18_h1", "official_r18_h4", "module_r50_h2",
		"mmpretrain_r34_h1", "torchvision_r18_fc"})
	void matchesPyTorch(String name) throws Exception {
		JsonObject e = expected(name);
		ModelSpec spec = spec(name, e);
		try (CsraModel model = ModelLoader.load(spec, DeviceChoice.CPU)) {
			int size = e.get("size").getAsInt();
			FloatBuffer input = input(name, 2 * 3 * size * size);
			List<Prediction> preds = model.predict(input, 2);
			float[] logits = floats(e.getAsJsonArray("logits"));
			float[] maps = floats(e.getAsJsonArray("score_maps"));
			float[] att = floats(e.getAsJsonArray("attention"));
			JsonArray ms = e.getAsJsonArray("maps_shape");
			int heads = ms.get(1).getAsInt(), classes = ms.get(2).getAsInt();
			int h = ms.get(3).getAsInt(), w = ms.get(4).getAsInt();
			double scale = maxAbs(logits);
			// Float32Tolerance: logits and score maps within F x their scale, F the float32 bound
			// for this backbone's and head's accumulation lengths; a score (sigmoid, slope at
			// most 1/4) within F x scale / 4; an attention weight a = softmax(T x map) moves by
			// at most 2 T a |d map| <= 2 T F mScale (T <= 4 in these fixtures; T = inf gives a
			// one-hot weight that does not move unless two positions tie within F x mScale).
			String arch = e.get("architecture").getAsString();
			int depth = Integer.parseInt(arch.substring("resnet".length()));
			int width = e.get("base_width").getAsInt();
			int features = 8 * width * (depth >= 50 ? 4 : 1);
			double f = Float32Tolerance.ofNetwork(Float32Tolerance.resnet(depth, width)
				+ Float32Tolerance.csraHead(features, h * w));
			for (int b = 0; b < 2; b++) {
				Prediction p = preds.get(b);
				assertEquals(h, p.attention().height());
				assertEquals(w, p.attention().width());
				for (int c = 0; c < classes; c++) {
					close(logits[b * classes + c], p.logits()[c], f * scale, name + " logit");
					close(1 / (1 + Math.exp(-logits[b * classes + c])), p.scores()[c],
						f * scale / 4,
						"score");
					for (int hd = 0; hd < heads; hd++) {
						float[] m = p.attention().scoreMap(hd, c);
						float[] a = p.attention().attention(hd, c);
						int off = ((b * heads + hd) * classes + c) * h * w;
						double mScale = maxAbs(
							java.util.Arrays.copyOfRange(maps, off, off + h * w));
						for (int k = 0; k < h * w; k++) {
							close(maps[off + k], m[k], f * mScale, name + " map");
							close(att[off + k], a[k], 2 * 4 * f * mScale, name + " attention");
						}
					}
				}
			}
			assertTrue(model.warnings().isEmpty(), model.warnings().toString());
		}
	}

	@Test
	void theOfficialScriptsUnusedImageNetClassifierIsANoteNotAWarning() throws Exception {
		// official_r18_fc_extra.pth: a CSRA ResNet-18 saved with fc.weight (10, 16) and fc.bias
		// beside its head, as the official training script saves every model
		Path file = Path.of(ModelParityTest.class.getResource("/model/official_r18_fc_extra.pth")
			.toURI());
		ModelSpec spec = new ModelSpecBuilder().name("fc_extra").architecture("resnet18").heads(1)
			.lambda(0.1).input(InputSpec.unitRange(64)).checkpoint(file).build(3);
		try (CsraModel model = ModelLoader.load(spec, DeviceChoice.CPU)) {
			assertEquals(List.of(), model.warnings());
			assertEquals(1, model.notes().size(), model.notes().toString());
			String note = model.notes().get(0);
			assertTrue(note.contains("fc.weight and fc.bias [10, 16]") && note.contains(
				"ImageNet classifier"), note);
		}
	}

	@Test
	void rejectsWrongClassCountAgainstSpec() throws Exception {
		JsonObject e = expected("official_r18_h1");
		ModelSpec spec = spec("official_r18_h1", e)
			.withClasses(new ClassLabels(ClassLabels.VOC2007));
		CheckpointException ex = assertThrows(CheckpointException.class, () -> ModelLoader.load(
			spec, DeviceChoice.CPU));
		assertTrue(ex.getMessage().contains("5 classes") && ex.getMessage().contains("20"), ex
			.getMessage());
	}

	@Test
	void rejectsWrongDepthNamingTheCheckpointsOwn() throws Exception {
		JsonObject e = expected("official_r18_h1");
		ModelSpec spec = spec("official_r18_h1", e).toBuilder().architecture("resnet50").build(5);
		CheckpointException ex = assertThrows(CheckpointException.class, () -> ModelLoader.load(
			spec, DeviceChoice.CPU));
		assertTrue(ex.getMessage().contains("resnet18"), ex.getMessage());
	}

	@Test
	void rejectsUnknownArchitecture() throws Exception {
		JsonObject e = expected("official_r18_h1");
		// The typed description refuses the name before any file is read.
		ModelSpecException ex = assertThrows(ModelSpecException.class, () -> spec(
			"official_r18_h1", e).toBuilder().architecture("alexnet"));
		assertTrue(ex.getMessage().contains("alexnet") && ex.getMessage().contains("resnet101"),
			ex.getMessage());
	}

	@Test
	void missingCheckpointSaysWhereToGetIt() {
		ModelSpec spec = new ModelSpecBuilder().checkpoint(Path.of("no/such/file.pth"))
			.weightsUrl("https://example.org/weights.pth").build(20);
		ModelSpecException ex = assertThrows(ModelSpecException.class, () -> ModelLoader.load(
			spec, DeviceChoice.CPU));
		assertTrue(ex.getMessage().contains("https://example.org/weights.pth"), ex.getMessage());
	}

	static ModelSpec spec(String name, JsonObject e) throws URISyntaxException {
		List<Temperature> temps = new ArrayList<>();
		for (var t : e.getAsJsonArray("temperatures")) {
			temps.add(Temperature.parse(t.getAsString()));
		}
		boolean trainingFree = e.has("head") && e.get("head").getAsString().equals(
			"training-free");
		return new ModelSpecBuilder().name(name).architecture(e.get("architecture")
			.getAsString()).head(trainingFree ? HeadKind.TRAINING_FREE : HeadKind.CSRA).heads(temps
				.size())
			.temperatures(trainingFree ? null : temps).lambda(e.get("lambda")
				.getAsDouble())
			.input(InputSpec.unitRange(e.get("size").getAsInt())).checkpoint(
				resource(name + ".pth"))
			.build(e.get("classes").getAsInt());
	}

	static Path resource(String file) throws URISyntaxException {
		return Path.of(ModelParityTest.class.getResource("/model/" + file).toURI());
	}

	static JsonObject expected(String name) throws IOException, URISyntaxException {
		return JsonParser.parseString(Files.readString(resource(name + ".expected.json")))
			.getAsJsonObject();
	}

	static FloatBuffer input(String name, int count) throws IOException, URISyntaxException {
		return input(resource(name + ".input.f32"), count);
	}

	/** A little-endian float32 file as a direct buffer in native order. */
	static FloatBuffer input(Path file, int count) throws IOException {
		byte[] raw = Files.readAllBytes(file);
		assertEquals(count * 4, raw.length);
		FloatBuffer src = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
		FloatBuffer dst = ByteBuffer.allocateDirect(raw.length).order(ByteOrder.nativeOrder())
			.asFloatBuffer();
		dst.put(src).flip();
		return dst;
	}

	static float[] floats(JsonArray a) {
		float[] f = new float[a.size()];
		for (int i = 0; i < f.length; i++) {
			f[i] = a.get(i).getAsFloat();
		}
		return f;
	}

	static double maxAbs(float[] v) {
		double m = 0;
		for (float f : v) {
			m = Math.max(m, Math.abs(f));
		}
		return m;
	}

	/**
	 * Within the tolerance, plus 4 u of the value for the last rounding to float32 (which
	 * keeps a zero tolerance meaningful).
	 */
	static void close(double expected, double actual, double tolerance, String what) {
		assertEquals(expected, actual, tolerance + 4 * Float32Tolerance.U * Math.abs(expected),
			what);
	}
}
