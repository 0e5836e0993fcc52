package org.csrafiji.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.ImagePlus;

import org.csrafiji.bench.SyntheticPhotos;
import org.csrafiji.eval.Dataset;
import org.csrafiji.eval.VocReader;
import org.csrafiji.image.ImageFiles;

/**
 * The benchmark's generated VOC folder reads back with the project's own VOC reader as a test
 * split of that many samples, and its JPEGs open in ImageJ at VOC photograph size, as RGB,
 * with the byte size of a photograph rather than of a smooth field: the per-pixel noise makes
 * them 18.8 to 21.3 KB at ImageIO's default JPEG quality (60 images of either seeding), where
 * the same smooth wave without noise is 7.5 KB; 15 KB separates the two.
 */
class VocFolderTest {

	@TempDir
	Path dir;

	@Test
	void readsBackAsAVocTestSplitOfPhotographSizeJpegs() throws IOException {
		List<Path> files = VocFolder.write(dir, 5, 3);
		Dataset d = VocReader.read(dir, "test");
		assertEquals(5, d.samples().size());
		assertEquals(files.get(2), d.samples().get(2).image());
		for (Path f : files) {
			ImagePlus imp = ImageFiles.open(f);
			assertEquals(SyntheticPhotos.WIDTH, imp.getWidth());
			assertEquals(SyntheticPhotos.HEIGHT, imp.getHeight());
			assertEquals(ImagePlus.COLOR_RGB, imp.getType());
			assertTrue(Files.size(f) > 15_000, f + " " + Files.size(f));
		}
	}
}
