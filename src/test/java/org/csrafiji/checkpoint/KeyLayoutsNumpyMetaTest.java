package org.csrafiji.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * A checkpoint as mmcv/mmcls training scripts save it, with numpy values (a numpy.int64
 * seed, a float32, an array, a dtype) in its metadata: the numpy globals are never called,
 * the metadata is dropped, and the weights map to the official names.
 */
class KeyLayoutsNumpyMetaTest {

	@Test
	void readsWeightsBesideNumpyMetadata() {
		NormalizedCheckpoint c = KeyLayouts.normalize(Checkpoints.read(Fixtures.path(
			"numpy-meta.pth")));
		assertEquals(KeyLayout.MMPRETRAIN, c.layout());
		assertEquals(1, c.heads());
		assertEquals(3, c.classes());
	}
}
