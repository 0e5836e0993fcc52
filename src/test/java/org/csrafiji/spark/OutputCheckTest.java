package org.csrafiji.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.csrafiji.core.ClassLabels;
import org.csrafiji.eval.ModelStamp;
import org.csrafiji.eval.PredictionsWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bench's count of plain classify's shard files, written by the real predictions writer:
 * shards that split the images count as exactly once; an image in two shards, or one missing,
 * or one not given, does not.
 */
class OutputCheckTest {

	@TempDir
	Path dir;

	private static final ClassLabels CLASSES = ClassLabels.generic(2);
	private static final ModelStamp MODEL = new ModelStamp("m", "0".repeat(64));

	@Test
	void shardsThatSplitTheImagesCountAsExactlyOnce() {
		Path a = shard("a.csv", "/x/000001.jpg", "/x/000003.jpg");
		Path b = shard("b.csv", "/x/000002.jpg");
		OutputCheck c = OutputCheck.ofClassify(List.of(a, b), Set.of("000001", "000002",
			"000003"));
		assertEquals(new OutputCheck(3, 3, 0, 0, 0), c);
		assertTrue(c.exactlyOnce(3));
	}

	@Test
	void anImageTwiceMissingOrNotGivenIsNot() {
		Path a = shard("a.csv", "/x/000001.jpg", "/x/000002.jpg");
		Path b = shard("b.csv", "/x/000002.jpg", "/x/000009.jpg");
		OutputCheck c = OutputCheck.ofClassify(List.of(a, b), Set.of("000001", "000002",
			"000003"));
		assertEquals(new OutputCheck(4, 3, 1, 1, 0), c);
		assertFalse(c.exactlyOnce(3));
	}

	private Path shard(String name, String... images) {
		Path csv = dir.resolve(name);
		try (PredictionsWriter w = PredictionsWriter.open(csv, CLASSES, MODEL)) {
			for (String i : images) {
				w.append(i, new double[]{0.25, 0.75});
			}
		}
		return csv;
	}
}
