package org.csrafiji.render;

import ij.gui.Plot;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;

import org.csrafiji.eval.PrecisionRecallCurve;

/**
 * One ImageJ plot with the precision-recall curve of every class that has positives, each in
 * its own colour, named in a legend. Classes without positives have no curve (their recall is
 * undefined). Each curve starts at its first point with recall &gt; 0; the axes reach a little
 * beyond 1 ({@link #AXIS_MAX}) so that a curve at precision 1 or recall 1 is drawn inside the
 * frame, not under it.
 */
public final class PrecisionRecallPlot {

	/** The plot's title (and its window's). */
	public static final String TITLE = "CSRA Precision-Recall";

	/** The upper end of both axes: 1 plus room for a line at 1 to show. */
	static final double AXIS_MAX = 1.04;

	/** Colours cycled through the classes (Tableau 10). */
	private static final Color[] COLORS = {new Color(0x1f77b4), new Color(0xff7f0e),
		new Color(0x2ca02c), new Color(0xd62728), new Color(0x9467bd), new Color(0x8c564b),
		new Color(0xe377c2), new Color(0x7f7f7f), new Color(0xbcbd22), new Color(0x17becf)};

	private PrecisionRecallPlot() {}

	/**
	 * @param curves one per class
	 * @return the plot, not shown
	 */
	public static Plot of(List<PrecisionRecallCurve> curves) {
		Plot plot = new Plot(TITLE, "Recall", "Precision");
		plot.setLimits(0, AXIS_MAX, 0, AXIS_MAX);
		plot.setLineWidth(2);
		List<String> names = new ArrayList<>();
		for (PrecisionRecallCurve curve : curves) {
			if (curve.positives() == 0) {
				continue;
			}
			plot.setColor(COLORS[names.size() % COLORS.length]);
			plot.addPoints(coordinates(curve, true), coordinates(curve, false), null, Plot.LINE,
				curve.className());
			names.add(curve.className());
		}
		plot.setColor(Color.BLACK);
		if (!names.isEmpty()) {
			plot.addLegend(String.join("\n", names), "bottom-left");
		}
		return plot;
	}

	/** Recall (or precision) of every point of the curve. */
	private static float[] coordinates(PrecisionRecallCurve curve, boolean recall) {
		List<PrecisionRecallCurve.Point> points = curve.points();
		float[] v = new float[points.size()];
		for (int i = 0; i < points.size(); i++) {
			PrecisionRecallCurve.Point p = points.get(i);
			v[i] = (float) (recall ? p.recall() : p.precision());
		}
		return v;
	}
}
