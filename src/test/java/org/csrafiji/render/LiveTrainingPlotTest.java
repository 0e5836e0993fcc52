package org.csrafiji.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.gui.Plot;

import org.junit.jupiter.api.Test;

/**
 * The training plot gives validation mAP its own 0-100 % scale: 100 % meets the highest loss,
 * inside the frame, whether the losses are far above 1 or far below it.
 */
class LiveTrainingPlotTest {

	/** Four iterations with the given losses; epochs of two iterations with mAPs 0.5 and 1. */
	private static Plot plot(float... losses) {
		LiveTrainingPlot live = new LiveTrainingPlot(false);
		for (int i = 0; i < losses.length; i++) {
			live.iteration(i / 2, i, 0.01, losses[i]);
			if (i % 2 == 1) {
				live.epoch(i / 2, i + 1, losses[i], i == 1 ? 0.5 : 1.0);
			}
		}
		return live.plot();
	}

	@Test
	void mapOfOneMeetsTheHighestLossInsideTheFrame() {
		for (float highest : new float[]{3.0f, 0.25f}) {
			Plot plot = plot(highest, highest / 2, highest / 3, highest / 4);
			double[] limits = plot.getLimits();
			assertEquals(0, limits[0]);
			assertEquals(4, limits[1]);
			assertEquals(0, limits[2]);
			assertEquals(LiveTrainingPlot.HEADROOM * highest, limits[3], 1e-6);
			float[][] map = plot.getDataObjectArrays(1);
			assertArrayEquals(new float[]{2, 4}, map[0]);
			// mAP 0.5 at half the highest loss, mAP 1 at the highest loss: below the frame's top
			assertArrayEquals(new float[]{highest / 2, highest}, map[1], 1e-6f);
			assertTrue(map[1][1] < limits[3]);
		}
	}

	@Test
	void theRightHandScaleIsLabelledInPercent() {
		String all = String.join("\n", plot(0.7f, 0.6f, 0.5f, 0.4f).getPlotObjectDesignations());
		for (String label : new String[]{"0 %", "20 %", "100 %"}) {
			assertTrue(all.contains(label), all);
		}
	}
}
