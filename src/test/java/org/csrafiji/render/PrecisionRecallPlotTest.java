package org.csrafiji.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.gui.Plot;

import org.csrafiji.eval.PrecisionRecallCurve;
import org.csrafiji.eval.PrecisionRecallCurve.Point;
import org.junit.jupiter.api.Test;

import java.util.List;

/**
 * The precision-recall plot draws each curve from its first point with recall &gt; 0 (no
 * invented point at (0, 0) or (0, p)), and its axes leave room above 1 so that a perfect curve
 * is visible inside the frame.
 */
class PrecisionRecallPlotTest {

	@Test
	void curvesStartAtTheirFirstPointAndAPerfectCurveLiesInsideTheFrame() {
		PrecisionRecallCurve perfect = new PrecisionRecallCurve("perfect", 2, List.of(new Point(0.9,
			1, 0.5), new Point(0.8, 1, 1)));
		PrecisionRecallCurve late = new PrecisionRecallCurve("late", 2, List.of(new Point(0.7,
			1.0 / 3, 0.5), new Point(0.5, 0.4, 1)));
		PrecisionRecallCurve none = new PrecisionRecallCurve("none", 0, List.of());
		Plot plot = PrecisionRecallPlot.of(List.of(perfect, none, late));
		assertEquals(2, plot.getDataObjectDesignations().length);
		float[][] first = plot.getDataObjectArrays(0);
		assertArrayEquals(new float[]{0.5f, 1f}, first[0]);
		assertArrayEquals(new float[]{1f, 1f}, first[1]);
		float[][] second = plot.getDataObjectArrays(1);
		assertArrayEquals(new float[]{0.5f, 1f}, second[0]);
		assertArrayEquals(new float[]{1f / 3, 0.4f}, second[1]);
		double[] limits = plot.getLimits();
		// a 2 px line at 1 needs room: at least 2 % of the axis above 1 on both axes
		assertEquals(0, limits[0]);
		assertTrue(limits[1] >= 1.02, "x max " + limits[1]);
		assertEquals(0, limits[2]);
		assertTrue(limits[3] >= 1.02, "y max " + limits[3]);
	}
}
