package org.csrafiji.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.csrafiji.core.HeadKind;
import org.csrafiji.core.ModelSpec;
import org.csrafiji.runtime.DeviceChoice;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * {@link ModelResolver} on checkpoints written by PyTorch ({@code make_model_fixtures.py}); what
 * each holds is read from the script's own record of it ({@code *.expected.json}), not from the
 * code under test.
 */
class ModelResolverTest {

	private static final Path MODELS = Path.of("src/test/resources/model");

	private static JsonObject expected(String name) throws IOException {
		return JsonParser.parseString(Files.readString(MODELS.resolve(name + ".expected.json")))
			.getAsJsonObject();
	}

	@ParameterizedTest
	@ValueSource(strings = {"official_r18_h1", "official_r18_h4", "module_r50_h2",
		"mmpretrain_r34_h1"})
	void aBareCheckpointSaysItsDepthHeadCountAndClassCount(String name) throws IOException {
		JsonObject want = expected(name);
		ModelSpec spec = ModelResolver.resolve(ModelRequest.file(MODELS.resolve(name + ".pth"),
			DeviceChoice.CPU)).spec();
		assertEquals(want.get("architecture").getAsString(), spec.architecture().name());
		assertEquals(HeadKind.CSRA, spec.head());
		assertEquals(want.getAsJsonArray("temperatures").size(), spec.heads());
		assertEquals(want.get("classes").getAsInt(), spec.classes().size());
		assertEquals(name, spec.name());
	}

	@Test
	void settingsTheUserGivesWinOverWhatTheCheckpointSays() {
		ModelSpec spec = ModelResolver.resolve(new ModelRequest(null, MODELS.resolve(
			"official_r18_h4.pth"), b -> b.lambda(0.3).heads(1), DeviceChoice.CPU, null)).spec();
		assertEquals(0.3, spec.lambda());
		assertEquals(1, spec.heads());
		assertEquals("resnet18", spec.architecture().name());
	}
}
