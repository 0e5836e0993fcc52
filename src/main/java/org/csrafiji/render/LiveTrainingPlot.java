package org.csrafiji.render;

import ij.gui.Plot;
import ij.gui.PlotWindow;

import org.csrafiji.train.TrainingListener;

import java.awt.Color;
import java.util.Arrays;

/**
 * The "CSRA Training" plot: the loss of every iteration (a line, left-hand axis from 0 to a
 * little above the highest loss) and the validation mAP of every epoch (points at the epoch's
 * last iteration, joined) on its own right-hand scale from 0 to 100 %, drawn so that 100 %
 * meets the highest loss: both curves use the frame's height whatever the size of the loss,
 * and a perfect mAP stays inside the frame. ImageJ plots have one y axis, so the mAP scale is
 * drawn as ticks and labels at the right edge, in data coordinates (they follow a zoom). With
 * a UI, its window opens at the first iteration and is redrawn at most every
 * {@link #REDRAW_MILLIS} ms and after every epoch; headless, nothing is shown and
 * {@link #plot()} still gives the figure.
 */
public final class LiveTrainingPlot implements TrainingListener {

	/** The plot's (and its window's) title. */
	public static final String TITLE = "CSRA Training";
	/** Least time between two redraws of the window during an epoch. */
	static final long REDRAW_MILLIS = 500;

	/** The loss axis reaches this factor times the highest loss (where 100 % mAP is drawn). */
	static final double HEADROOM = 1.1;

	private static final Color LOSS = new Color(0x1f77b4);
	private static final Color MAP = new Color(0xd62728);

	private final boolean show;
	private float[] iterations = new float[64];
	private float[] losses = new float[64];
	private int count;
	private float[] epochEnds = new float[8];
	private float[] maps = new float[8];
	private int epochs;
	private PlotWindow window;
	private long lastDraw;

	/** @param show whether to open and update a window (false when headless) */
	public LiveTrainingPlot(boolean show) {
		this.show = show;
	}

	@Override
	public synchronized void iteration(int epoch, long iteration, double lr, double loss) {
		if (count == iterations.length) {
			iterations = Arrays.copyOf(iterations, 2 * count);
			losses = Arrays.copyOf(losses, 2 * count);
		}
		iterations[count] = iteration + 1;
		losses[count++] = (float) loss;
		long now = System.currentTimeMillis();
		if (now - lastDraw >= REDRAW_MILLIS) {
			redraw();
			lastDraw = now;
		}
	}

	@Override
	public synchronized void epoch(int epoch, long iteration, double meanLoss, double valMap) {
		if (!Double.isNaN(valMap)) {
			if (epochs == epochEnds.length) {
				epochEnds = Arrays.copyOf(epochEnds, 2 * epochs);
				maps = Arrays.copyOf(maps, 2 * epochs);
			}
			epochEnds[epochs] = iteration;
			maps[epochs++] = (float) valMap;
		}
		redraw();
	}

	/** @return the figure of everything seen so far */
	public synchronized Plot plot() {
		Plot plot = new Plot(TITLE, "Iteration", "Loss (blue); val mAP (red, right-hand % scale)");
		float highest = 0;
		for (int i = 0; i < count; i++) {
			highest = Math.max(highest, losses[i]);
		}
		double mapScale = highest > 0 ? highest : 1;
		double xMin = count == 0 ? 0 : iterations[0] - 1;
		double xMax = count == 0 ? 1 : Math.max(xMin + 1, iterations[count - 1]);
		plot.setLimits(xMin, xMax, 0, HEADROOM * mapScale);
		plot.setColor(LOSS);
		plot.addPoints(Arrays.copyOf(iterations, count), Arrays.copyOf(losses, count), null,
			Plot.LINE, "loss");
		if (epochs > 0) {
			float[] y = new float[epochs];
			for (int e = 0; e < epochs; e++) {
				y[e] = (float) (maps[e] * mapScale);
			}
			plot.setColor(MAP, MAP); // the second colour is the joining line's
			plot.setLineWidth(2);
			plot.addPoints(Arrays.copyOf(epochEnds, epochs), y, null, Plot.CONNECTED_CIRCLES,
				"val mAP");
			plot.setLineWidth(1);
		}
		mapAxis(plot, xMin, xMax, mapScale);
		plot.setColor(Color.BLACK);
		plot.addLegend(epochs > 0 ? "loss\nval mAP" : "loss", "bottom-left");
		return plot;
	}

	/** The right-hand mAP scale: a tick and a label every 20 %, 100 % at {@code mapScale}. */
	private static void mapAxis(Plot plot, double xMin, double xMax, double mapScale) {
		double tick = 0.015 * (xMax - xMin);
		plot.setColor(MAP);
		plot.setJustification(Plot.RIGHT);
		for (int percent = 0; percent <= 100; percent += 20) {
			double y = percent / 100.0 * mapScale;
			plot.drawLine(xMax - tick, y, xMax, y);
			plot.addText(percent + " %", xMax - 1.5 * tick, y);
		}
		plot.setJustification(Plot.LEFT);
	}

	private void redraw() {
		if (!show || count == 0) {
			return;
		}
		Plot plot = plot();
		if (window == null || window.isClosed()) {
			window = plot.show();
		}
		else {
			window.drawPlot(plot);
		}
	}
}
