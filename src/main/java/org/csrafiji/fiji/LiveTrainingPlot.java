package org.csrafiji.fiji;

import ij.gui.Plot;
import ij.gui.PlotWindow;

import org.csrafiji.train.TrainingListener;

import java.awt.Color;
import java.util.Arrays;

/**
 * The "CSRA Training" plot: the loss of every iteration (a line) and the validation mAP of
 * every epoch (points at the epoch's last iteration, joined), on one axis from 0 to
 * max(1, highest loss). With a UI, its window opens at the first iteration and is redrawn at
 * most every {@link #REDRAW_MILLIS} ms and after every epoch; headless, nothing is shown and
 * {@link #plot()} still gives the figure.
 */
public final class LiveTrainingPlot implements TrainingListener {

	/** The plot's (and its window's) title. */
	public static final String TITLE = "CSRA Training";
	/** Least time between two redraws of the window during an epoch. */
	static final long REDRAW_MILLIS = 500;

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
		Plot plot = new Plot(TITLE, "Iteration", "Loss (blue) / val mAP (red)");
		float top = 1;
		for (int i = 0; i < count; i++) {
			top = Math.max(top, losses[i]);
		}
		plot.setLimits(0, Math.max(1, count), 0, top * 1.02);
		plot.setColor(new Color(0x1f77b4));
		plot.addPoints(Arrays.copyOf(iterations, count), Arrays.copyOf(losses, count), null,
			Plot.LINE, "loss");
		if (epochs > 0) {
			plot.setColor(new Color(0xd62728));
			plot.setLineWidth(2);
			plot.addPoints(Arrays.copyOf(epochEnds, epochs), Arrays.copyOf(maps, epochs), null,
				Plot.CONNECTED_CIRCLES, "val mAP");
			plot.setLineWidth(1);
		}
		plot.setColor(Color.BLACK);
		plot.addLegend(epochs > 0 ? "loss\nval mAP" : "loss", "top-right");
		return plot;
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
