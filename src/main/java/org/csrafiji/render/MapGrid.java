package org.csrafiji.render;

import java.awt.Rectangle;

/**
 * The resolution attention maps are rendered at. A map comes from a feature grid of a few
 * dozen cells, so drawing it at more than a few million pixels adds nothing but memory: a
 * map of a 20000 x 20000 image at full size would take 1.6 GB of floats per class. Maps are
 * therefore upsampled onto a grid of at most {@value #MAX_PIXELS} pixels per map and
 * {@value #BUDGET_PIXELS} for all maps of one call, keeping the rectangle's aspect ratio,
 * and shown stretched over the rectangle they cover. Rectangles within that budget (every
 * image up to 2048 x 2048 with a few classes) get their maps at full size, as before.
 *
 * @param width map width in pixels
 * @param height map height in pixels
 */
public record MapGrid(int width, int height) {

	/** The most pixels of one map: 2048 x 2048 (16 MiB of floats). */
	public static final long MAX_PIXELS = 2048L * 2048;

	/** The most pixels of all maps one call renders: 512 MiB of floats. */
	public static final long BUDGET_PIXELS = 128L << 20;

	/** Checks the size. */
	public MapGrid {
		if (width < 1 || height < 1) {
			throw new IllegalArgumentException("A map grid needs at least 1 x 1 pixels, not "
				+ width + " x " + height);
		}
	}

	/**
	 * @param region the rectangle the maps cover
	 * @param maps how many maps are rendered together, at least 1
	 * @return the region's size when it fits the budget, else the largest grid of the same
	 *         aspect ratio that does
	 */
	public static MapGrid forRegion(Rectangle region, int maps) {
		long limit = Math.min(MAX_PIXELS, BUDGET_PIXELS / Math.max(1, maps));
		return fit(region.width, region.height, limit);
	}

	/**
	 * @param width full width
	 * @param height full height
	 * @param limit the most pixels
	 * @return width x height scaled down uniformly to at most {@code limit} pixels
	 */
	static MapGrid fit(int width, int height, long limit) {
		long pixels = (long) width * height;
		if (pixels <= limit) {
			return new MapGrid(width, height);
		}
		double scale = Math.sqrt((double) limit / pixels);
		int w = Math.max(1, (int) Math.floor(width * scale));
		int h = Math.max(1, (int) Math.floor(height * scale));
		return new MapGrid(w, h);
	}

	/**
	 * @param region the rectangle the maps cover
	 * @return whether maps on this grid are smaller than the rectangle
	 */
	public boolean reduces(Rectangle region) {
		return width != region.width || height != region.height;
	}
}
