package org.csrafiji.app.tiles;

import java.awt.Rectangle;
import java.util.Arrays;

import org.csrafiji.core.AttentionMaps;

/** Accumulates tiles' spatial class scores into {@link StitchedMap}s. */
final class MapStitcher {

	private final int width;
	private final int height;
	private final int step;
	private final float[][] sums;
	private final int[] counts;

	/**
	 * @param imageWidth image width
	 * @param imageHeight image height
	 * @param step image pixels per map pixel
	 * @param classes number of classes
	 */
	MapStitcher(int imageWidth, int imageHeight, int step, int classes) {
		this.step = step;
		width = Math.max(1, (imageWidth + step - 1) / step);
		height = Math.max(1, (imageHeight + step - 1) / step);
		long values = (long) width * height * (classes + 1);
		if (values > TileSettings.MAX_MAP_VALUES) {
			throw new IllegalArgumentException("A stitched map of " + width + " x " + height
				+ " pixels for " + classes + " classes needs " + values + " values, more than the "
				+ TileSettings.MAX_MAP_VALUES + " allowed; choose a larger map step (image pixels"
				+ " per map pixel).");
		}
		sums = new float[classes][width * height];
		counts = new int[width * height];
	}

	/**
	 * Adds one tile: every map pixel whose centre lies in the tile takes the score of the
	 * feature cell under that centre (the tile stretched over the feature grid).
	 *
	 * @param tile the tile's rectangle in the image
	 * @param maps the tile's attention maps; the first head's score maps are used
	 */
	void add(Rectangle tile, AttentionMaps maps) {
		int gw = maps.width();
		int gh = maps.height();
		int x0 = Math.max(0, (int) Math.ceil((double) tile.x / step - 0.5));
		int y0 = Math.max(0, (int) Math.ceil((double) tile.y / step - 0.5));
		float[][] cells = new float[sums.length][];
		for (int c = 0; c < cells.length; c++) {
			cells[c] = maps.scoreMap(0, c);
		}
		for (int my = y0; my < height; my++) {
			double cy = (my + 0.5) * step - tile.y;
			if (cy >= tile.height) {
				break;
			}
			int row = Math.min(gh - 1, (int) (cy / tile.height * gh));
			for (int mx = x0; mx < width; mx++) {
				double cx = (mx + 0.5) * step - tile.x;
				if (cx >= tile.width) {
					break;
				}
				int col = Math.min(gw - 1, (int) (cx / tile.width * gw));
				int i = my * width + mx;
				counts[i]++;
				for (int c = 0; c < cells.length; c++) {
					sums[c][i] += cells[c][row * gw + col];
				}
			}
		}
	}

	/** @return the means; map pixels no tile reached are NaN */
	StitchedMap result() {
		float[][] out = new float[sums.length][];
		for (int c = 0; c < out.length; c++) {
			out[c] = new float[counts.length];
			Arrays.fill(out[c], Float.NaN);
			for (int i = 0; i < counts.length; i++) {
				if (counts[i] > 0) {
					out[c][i] = sums[c][i] / counts[i];
				}
			}
		}
		return new StitchedMap(width, height, step, out);
	}
}
