package org.csrafiji.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.gui.Roi;

import org.junit.jupiter.api.Test;

import java.util.List;

/** The overlay writer's heat levels and its choice of earlier outlines to replace. */
class AttentionOverlayWriterTest {

	@Test
	void heatLevelsAreTransparentBelowAFifthOfTheRange() {
		float[] ramp = new float[100];
		for (int i = 0; i < 100; i++) {
			ramp[i] = 1 + i; // 1 .. 100: the fifth of the range is at 1 + 0.2 * 99 = 20.8
		}
		byte[] px = AttentionOverlayWriter.levels(new ClassMap(null, "c", 0, 0.9f, 100, 1, ramp));
		for (int i = 0; i < 100; i++) {
			int level = px[i] & 0xff;
			if (ramp[i] < 20.8f) assertEquals(0, level, "value " + ramp[i]);
			else
				assertTrue(level >= 1, "value " + ramp[i]);
		}
		assertEquals(255, px[99] & 0xff);
		for (int i = 21; i < 100; i++) {
			assertTrue((px[i] & 0xff) >= (px[i - 1] & 0xff), "rises with the attention");
		}
	}

	@Test
	void aRerunReplacesOnlyThisImagesOutlinesInTheRoiManager() {
		Roi mine = new Roi(0, 0, 5, 5);
		assertEquals(List.of(1, 3), AttentionOverlayWriter.earlierOutlines(new Roi[]{mine,
			outline(-7), outline(-8), outline(-7)}, -7));
	}

	private static Roi outline(int imageId) {
		Roi r = new Roi(1, 1, 5, 5);
		r.setProperty(AttentionOverlayWriter.PROPERTY, "true");
		r.setProperty(AttentionOverlayWriter.IMAGE_PROPERTY, String.valueOf(imageId));
		return r;
	}
}
