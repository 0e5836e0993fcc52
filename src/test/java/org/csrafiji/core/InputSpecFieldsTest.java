package org.csrafiji.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The spec fields "channels" and "percentiles": written, read back, checked. */
class InputSpecFieldsTest {

	@Test
	void channelsAndPercentilesSurviveAWriteAndRead(@TempDir Path dir) throws Exception {
		ModelSpec demo = ModelSpecs.read(Path.of("models", "demo", "demo.json"));
		assertNull(demo.input().channels());
		assertNull(demo.input().percentiles());
		ModelSpec withInputs = demo.toBuilder().input(demo.input().withChannelsAndPercentiles(
			new int[]{2, 1, 0}, new double[]{1, 99.8})).build(demo.classes().size());
		Path file = dir.resolve("m.json");
		ModelSpecs.write(withInputs, file);
		String json = Files.readString(file);
		assertTrue(json.contains("\"channels\""), json);
		ModelSpec back = ModelSpecs.read(file);
		assertArrayEquals(new int[]{2, 1, 0}, back.input().channels());
		assertArrayEquals(new double[]{1, 99.8}, back.input().percentiles());
	}

	@Test
	void anotherInputSizeKeepsTheChannelsAndPercentiles() {
		ModelSpec demo = ModelSpecs.read(Path.of("models", "demo", "demo.json"));
		ModelSpec resized = demo.toBuilder().input(demo.input().withChannelsAndPercentiles(
			new int[]{2, 1, 0}, new double[]{1, 99.8})).size(128).build(demo.classes().size());
		assertEquals(128, resized.input().size());
		assertArrayEquals(new int[]{2, 1, 0}, resized.input().channels());
		assertArrayEquals(new double[]{1, 99.8}, resized.input().percentiles());
	}

	@Test
	void badValuesAreRefusedWithTheFieldName(@TempDir Path dir) throws Exception {
		Path file = dir.resolve("bad.json");
		Files.writeString(file, "{\"architecture\": \"resnet18\", \"classes\": [\"a\"],"
			+ " \"percentiles\": [99, 1]}");
		ModelSpecException e = assertThrows(ModelSpecException.class, () -> ModelSpecs.read(file));
		assertTrue(e.getMessage().contains("\"percentiles\""), e.getMessage());
		Files.writeString(file, "{\"architecture\": \"resnet18\", \"classes\": [\"a\"],"
			+ " \"channels\": [1.5, 1, 1]}");
		e = assertThrows(ModelSpecException.class, () -> ModelSpecs.read(file));
		assertTrue(e.getMessage().contains("\"channels\""), e.getMessage());
	}
}
