package org.csrafiji.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.csrafiji.core.CheckpointException;
import org.junit.jupiter.api.Test;

/** Layout recognition and renaming, on torch.save fixtures and on hand-made state dicts. */
class KeyLayoutsTest {

	@Test
	void officialLayoutKeepsNamesAndCountsFourHeads() {
		StateDict raw = Checkpoints.read(Fixtures.path("official.pth"));
		NormalizedCheckpoint n = KeyLayouts.normalize(raw);
		assertEquals(KeyLayout.OFFICIAL, n.layout());
		assertEquals(4, n.heads());
		assertEquals(5, n.classes());
		assertEquals(8, n.featureWidth());
		assertEquals(new ArrayList<>(raw.keys()), new ArrayList<>(n.weights().keys()));
		assertSame(raw.get("conv1.weight"), n.weights().get("conv1.weight"));
	}

	@Test
	void mmpretrainLayoutIsRenamedToOfficialNames() {
		NormalizedCheckpoint n = KeyLayouts
			.normalize(Checkpoints.read(Fixtures.path("mmpretrain.pth")));
		assertEquals(KeyLayout.MMPRETRAIN, n.layout());
		assertEquals(2, n.heads());
		assertEquals(6, n.classes());
		assertEquals(8, n.featureWidth());
		List<String> expected = new ArrayList<>();
		for (String k : Fixtures.keys("mmpretrain.pth")) {
			expected.add(k.startsWith("backbone.")
				? k.substring("backbone.".length())
				: k.replace("head.csra_heads.", "classifier.multi_head."));
		}
		assertEquals(expected, new ArrayList<>(n.weights().keys()));
		Fixtures.assertTensor("mmpretrain.pth", "head.csra_heads.1.head.weight",
			n.weights().get("classifier.multi_head.1.head.weight"));
		Fixtures.assertTensor("mmpretrain.pth", "backbone.layer1.0.bn1.num_batches_tracked",
			n.weights().get("layer1.0.bn1.num_batches_tracked"));
	}

	@Test
	void dataParallelPrefixIsStripped() {
		NormalizedCheckpoint n = KeyLayouts
			.normalize(Checkpoints.read(Fixtures.path("dataparallel.pth")));
		assertEquals(KeyLayout.DATA_PARALLEL, n.layout());
		assertEquals(1, n.heads());
		assertEquals(4, n.classes());
		for (String k : Fixtures.keys("dataparallel.pth")) {
			assertTrue(k.startsWith("module."));
			Fixtures.assertTensor("dataparallel.pth", k,
				n.weights().get(k.substring("module.".length())));
		}
	}

	@Test
	void modelWrappedTrainingCheckpointIsOfficial() {
		NormalizedCheckpoint n = KeyLayouts
			.normalize(Checkpoints.read(Fixtures.path("model-wrapped.pth")));
		assertEquals(KeyLayout.OFFICIAL, n.layout());
		assertEquals(1, n.heads());
		assertEquals(3, n.classes());
	}

	@Test
	void torchvisionClassifierHasNoHeadsAndKeepsFc() {
		NormalizedCheckpoint n = KeyLayouts
			.normalize(Checkpoints.read(Fixtures.path("torchvision.pth")));
		assertEquals(KeyLayout.TORCHVISION, n.layout());
		assertEquals(0, n.heads());
		assertEquals(7, n.classes());
		assertEquals(8, n.featureWidth());
		assertTrue(n.weights().contains("fc.bias"));
	}

	@Test
	void moduleAfterBackboneAndMmpretrainLinearHeadAreMapped() {
		NormalizedCheckpoint n = KeyLayouts.normalize(dict(
			"module.backbone.module.conv1.weight", shape(4, 3, 3, 3),
			"backbone.module.bn1.weight", shape(4),
			"head.fc.weight", shape(10, 4),
			"head.fc.bias", shape(10)));
		assertEquals(KeyLayout.MMPRETRAIN, n.layout());
		assertEquals(List.of("conv1.weight", "bn1.weight", "fc.weight", "fc.bias"),
			new ArrayList<>(n.weights().keys()));
		assertEquals(0, n.heads());
		assertEquals(10, n.classes());
	}

	@Test
	void headIndexGapIsNamed() {
		String message = failure(dict(
			"classifier.multi_head.0.head.weight", shape(5, 8, 1, 1),
			"classifier.multi_head.2.head.weight", shape(5, 8, 1, 1)));
		assertTrue(message.contains("classifier.multi_head.1.head.weight is missing"), message);
	}

	@Test
	void headsOfDifferentShapesAreNamed() {
		String message = failure(dict(
			"classifier.multi_head.0.head.weight", shape(5, 8, 1, 1),
			"classifier.multi_head.1.head.weight", shape(6, 8, 1, 1)));
		assertTrue(message.contains("classifier.multi_head.1.head.weight is (6, 8, 1, 1)"),
			message);
	}

	@Test
	void checkpointWithoutClassifierIsRejected() {
		String message = failure(dict("conv1.weight", shape(4, 3, 3, 3)));
		assertTrue(message.contains("no CSRA head"), message);
		assertTrue(message.contains("conv1.weight"), message);
	}

	@Test
	void namesThatCollideAfterStrippingAreRejected() {
		String message = failure(dict("conv1.weight", shape(1), "module.conv1.weight", shape(1),
			"fc.weight", shape(2, 1)));
		assertTrue(message.contains("'conv1.weight'"), message);
	}

	private static String failure(StateDict raw) {
		return assertThrows(CheckpointException.class, () -> KeyLayouts.normalize(raw))
			.getMessage();
	}

	private static long[] shape(long... dims) {
		return dims;
	}

	/** @param namesAndShapes alternating names and shapes */
	private static StateDict dict(Object... namesAndShapes) {
		Map<String, TensorData> tensors = new LinkedHashMap<>();
		for (int i = 0; i < namesAndShapes.length; i += 2) {
			long[] shape = (long[]) namesAndShapes[i + 1];
			tensors.put((String) namesAndShapes[i],
				TensorData.ofFloats(shape, new float[(int) Shapes.numel(shape)]));
		}
		return StateDict.of("test.pth", tensors);
	}
}
