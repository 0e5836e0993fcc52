package org.csrafiji.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Random;

import ij.ImagePlus;
import ij.process.ShortProcessor;

import org.junit.jupiter.api.Test;

/**
 * {@link Augmentation} on ImageJ images: the crop the distribution draws, of the image flipped
 * when the coin says so, pixel for pixel (checked by indexing the original directly); the image
 * itself is left as it was.
 */
class AugmentationTest {

	private static ImagePlus image() {
		ShortProcessor sp = new ShortProcessor(50, 40);
		for (int y = 0; y < 40; y++) {
			for (int x = 0; x < 50; x++) {
				sp.set(x, y, 1000 + 100 * y + x);
			}
		}
		return new ImagePlus("ramp", sp);
	}

	@Test
	void theDrawnCropOfTheFlippedImageIsCut() {
		Augmentation a = Augmentation.training(16);
		for (long seed = 0; seed < 20; seed++) {
			ImagePlus imp = image();
			Random draws = new Random(seed);
			boolean mirror = draws.nextBoolean();
			RandomResizedCrop.Box b = RandomResizedCrop.CSRA.choose(50, 40, draws);
			ImagePlus out = a.apply(imp, new Random(seed));
			assertEquals(b.width(), out.getWidth());
			assertEquals(b.height(), out.getHeight());
			for (int y = 0; y < b.height(); y++) {
				for (int x = 0; x < b.width(); x++) {
					int fx = b.x() + x; // column of the (maybe flipped) image
					int sx = mirror ? 49 - fx : fx;
					assertEquals(1000 + 100 * (b.y() + y) + sx, out.getProcessor().get(x, y));
				}
			}
			assertEquals(1000, imp.getProcessor().get(0, 0), "the source is not changed");
			assertEquals(null, imp.getRoi(), "nor given a selection");
		}
	}

	@Test
	void withoutAugmentationTheImageItselfIsUsed() {
		ImagePlus imp = image();
		assertSame(imp, Augmentation.none(16).apply(imp, new Random(1)));
	}
}
