package org.csrafiji.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The published-model specs in models/ and the JSON round trip. */
class ModelSpecsTest {

	@Test
	void everyPublishedSpecReadsWithItsPaperSettings() throws IOException {
		List<Path> specs;
		try (Stream<Path> s = Files.list(Path.of("models"))) {
			specs = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
		}
		assertTrue(specs.size() >= 7, specs.toString());
		for (Path p : specs) {
			ModelSpec spec = ModelSpecs.read(p);
			// The paper's sizes: 448 for the ResNets, 224 for the WIDER ViTs.
			assertEquals(spec.architecture() instanceof Architecture.ViT ? 224 : 448,
				spec.input().size(),
				p.toString());
			assertEquals(spec.heads(), spec.temperatures().size());
			assertTrue(spec.weightsUrl() != null && spec.reported() != null, p.toString());
			assertTrue(spec.checkpointFile().orElseThrow().startsWith(p.toAbsolutePath()
				.getParent()), "checkpoint resolved against the spec's folder");
		}
		ModelSpec coco = ModelSpecs.read(Path.of("models/resnet101_coco_head4_lam0.5.json"));
		assertEquals(80, coco.classes().size());
		assertEquals(0.5, coco.lambda());
		assertEquals(List.of(new Temperature(1), new Temperature(2), new Temperature(4),
			Temperature.INFINITE), coco.temperatures());
	}

	@Test
	void roundTripsThroughJson(@TempDir Path dir) {
		ModelSpec spec = new ModelSpecBuilder().name("x").heads(6).lambda(0.4).classes(
			new ClassLabels(List.of("a", "b"))).checkpoint(dir.resolve("w/x.pth")).build(2);
		Path file = dir.resolve("x.json");
		ModelSpecs.write(spec, file);
		ModelSpec back = ModelSpecs.read(file);
		assertEquals(spec.temperatures(), back.temperatures());
		assertEquals(spec.classes(), back.classes());
		assertEquals(spec.checkpoint(), back.checkpoint());
		assertEquals(spec.input(), back.input());
	}

	@Test
	void officialTemperaturesPerHeadCount() {
		assertEquals(List.of(new Temperature(1)), Temperature.defaultsFor(1));
		assertEquals(List.of(new Temperature(1), Temperature.INFINITE), Temperature.defaultsFor(2));
		assertEquals(8, Temperature.defaultsFor(8).size());
		assertTrue(Temperature.defaultsFor(8).get(7).isInfinite());
		assertEquals(new Temperature(7), Temperature.defaultsFor(8).get(6));
		ModelSpecException e = assertThrows(ModelSpecException.class, () -> Temperature
			.defaultsFor(3));
		assertTrue(e.getMessage().contains("3 heads"), e.getMessage());
	}

	@Test
	void rejectsBrokenSpecsWithTheReason(@TempDir Path dir) throws IOException {
		Path f = dir.resolve("bad.json");
		Files.writeString(f,
			"{\"architecture\": \"resnet101\", \"classes\": \"voc2007\", \"lambda\": -1}");
		ModelSpecException e = assertThrows(ModelSpecException.class, () -> ModelSpecs.read(f));
		assertTrue(e.getMessage().contains("lambda"), e.getMessage());
		Files.writeString(f, "{not json");
		assertThrows(ModelSpecException.class, () -> ModelSpecs.read(f));
	}
}
