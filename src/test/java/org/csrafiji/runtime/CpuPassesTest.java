package org.csrafiji.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.FloatBuffer;
import java.util.List;
import java.util.Random;

import org.csrafiji.core.ModelSpec;
import org.csrafiji.core.ModelSpecBuilder;
import org.csrafiji.core.Prediction;
import org.junit.jupiter.api.Test;

/**
 * A CPU batch runs in passes small enough that libtorch's intermediates stay on the C heap, with
 * the same scores as one pass per image. (What that saves - a page fault per 4 KiB of every
 * intermediate above glibc's mapping threshold - depends on the allocator's state and on
 * transparent huge pages, so it is measured by the bench runs the README reports, not
 * asserted here.)
 */
class CpuPassesTest {

	private static ModelSpec spec(String arch, int size) {
		return new ModelSpecBuilder().name("t").architecture(arch).size(size).build(3);
	}

	/** torchvision's shapes: the stem gives 64 x 224 x 224 at 448, layer1 256 x 112 x 112. */
	@Test
	void largestIntermediatesFollowTheLayerShapes() {
		try (CsraModel r101 = CsraModel.random(spec("resnet101", 448), DeviceChoice.CPU, 1);
			CsraModel r50 = CsraModel.random(spec("resnet50", 224), DeviceChoice.CPU, 1);
			CsraModel r18 = CsraModel.random(spec("resnet18", 225), DeviceChoice.CPU, 1))
		{
			assertEquals(4L * 64 * 224 * 224,
				r101.network().backbone().largestActivationBytes(448));
			assertEquals(4L * 256 * 56 * 56, r50.network().backbone().largestActivationBytes(224));
			// 225 -> 113 (stem, stride 2 with padding 3) -> 57 (max pool); the stem is larger.
			assertEquals(4L * 64 * 113 * 113, r18.network().backbone().largestActivationBytes(225));
			assertEquals(1, r101.imagesPerPass(), "12.25 MiB per image");
			assertEquals(5, r50.imagesPerPass(), "3.06 MiB per image");
		}
	}

	/**
	 * Each image of a batch gets exactly the scores of a pass of its own (one image per pass
	 * at 448: the same kernels on the same numbers).
	 */
	@Test
	void aBatchScoresLikeSinglePasses() {
		try (CsraModel model = CsraModel.random(spec("resnet50", 448), DeviceChoice.CPU, 3)) {
			int per = 3 * 448 * 448;
			FloatBuffer batch = model.newInputBuffer(3);
			Random random = new Random(5);
			for (int i = 0; i < batch.capacity(); i++) {
				batch.put(i, random.nextFloat());
			}
			batch.position(per).limit(2 * per); // the images count from 0, whatever these say
			List<Prediction> together = model.predict(batch, 3);
			batch.clear();
			for (int b = 0; b < 3; b++) {
				float[] chw = new float[per];
				batch.get(b * per, chw);
				Prediction alone = model.predict(chw);
				assertArrayEquals(alone.logits(), together.get(b).logits(), "image " + b);
				for (int c = 0; c < 3; c++) {
					assertArrayEquals(alone.attention().attention(0, c), together.get(b)
						.attention().attention(0, c), "image " + b + ", class " + c);
				}
			}
		}
	}
}
