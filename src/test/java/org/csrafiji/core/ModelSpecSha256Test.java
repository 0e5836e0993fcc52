package org.csrafiji.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The optional "sha256" of a spec's published weights: read (upper case accepted), kept when
 * the spec is written, a prefix of at least 8 hex digits allowed, anything else refused.
 */
class ModelSpecSha256Test {

	@TempDir
	Path dir;

	@Test
	void isReadAndWrittenBack() throws Exception {
		Path file = dir.resolve("s.json");
		Files.writeString(file, "{\"architecture\": \"resnet101\", \"classes\": \"voc2007\","
			+ " \"sha256\": \"29EFB40A\"}");
		ModelSpec spec = ModelSpecs.read(file);
		assertEquals("29efb40a", spec.sha256());
		Path copy = dir.resolve("copy.json");
		ModelSpecs.write(spec, copy);
		assertEquals("29efb40a", ModelSpecs.read(copy).sha256());
		assertEquals("29efb40a", spec.withCheckpoint(dir.resolve("w.pth")).sha256());
	}

	@Test
	void isOptional() throws Exception {
		Path file = dir.resolve("s.json");
		Files.writeString(file, "{\"architecture\": \"resnet101\", \"classes\": \"voc2007\"}");
		assertNull(ModelSpecs.read(file).sha256());
	}

	@Test
	void somethingElseIsRefused() throws Exception {
		Path file = dir.resolve("s.json");
		Files.writeString(file, "{\"architecture\": \"resnet101\", \"classes\": \"voc2007\","
			+ " \"sha256\": \"md5:abc\"}");
		ModelSpecException e = assertThrows(ModelSpecException.class, () -> ModelSpecs.read(file));
		assertTrue(e.getMessage().contains("\"sha256\" must be hexadecimal digits"),
			e.getMessage());
	}

	@Test
	void theMmpretrainSpecRecordsTheHashPrefixOfItsFileName() {
		ModelSpec spec = ModelSpecs.read(Path.of("models/mmpretrain_resnet101_csra_voc07.json"));
		assertTrue(spec.weightsUrl().endsWith("-" + spec.sha256() + ".pth"), spec.weightsUrl());
	}
}
