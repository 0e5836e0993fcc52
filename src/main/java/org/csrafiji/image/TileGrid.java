package org.csrafiji.image;

import java.awt.Rectangle;

/**
 * A grid of square tiles with overlap over a {@code width x height} plane. Tiles start every
 * {@code side - overlap} pixels; the last column and row are shifted back inside the image
 * (so they overlap their neighbours more) rather than hanging over the edge. A plane narrower
 * or lower than one tile gets one tile as wide or as high as the plane.
 *
 * @param width the plane's width
 * @param height the plane's height
 * @param side the tile side in image pixels
 * @param overlap pixels shared by neighbouring tiles, below {@code side}
 */
public record TileGrid(int width, int height, int side, int overlap) {

	/** Checks the sizes. */
	public TileGrid {
		if (width < 1 || height < 1) {
			throw new IllegalArgumentException("The image is " + width + " x " + height
				+ " pixels; tiling needs at least one pixel.");
		}
		if (side < 1) {
			throw new IllegalArgumentException("The tile side must be at least 1 pixel, not "
				+ side + ".");
		}
		if (overlap < 0 || overlap >= side) {
			throw new IllegalArgumentException("The overlap must lie between 0 and the tile side"
				+ " minus 1 (" + (side - 1) + "), not " + overlap + ".");
		}
	}

	/**
	 * The tile side at a scale: a model of input {@code size} sees tiles of
	 * {@code size / scale} image pixels, so scale 0.5 classifies each tile at half resolution.
	 *
	 * @param inputSize the model's input side
	 * @param scale the factor from image to model pixels, in (0, 1] or above
	 * @return the tile side in image pixels, at least 1
	 */
	public static int sideAtScale(int inputSize, double scale) {
		if (!(scale > 0) || !Double.isFinite(scale)) {
			throw new IllegalArgumentException("The scale must be a positive number (1 for native"
				+ " resolution, 0.5 for half), not " + scale + ".");
		}
		return (int) Math.max(1, Math.round(inputSize / scale));
	}

	/** @return tiles across */
	public int columns() {
		return count(width);
	}

	/** @return tiles down */
	public int rows() {
		return count(height);
	}

	/** @return all tiles */
	public int size() {
		return columns() * rows();
	}

	/**
	 * @param index 0 to {@link #size()} - 1, row by row
	 * @return that tile's rectangle in the image
	 */
	public Rectangle tile(int index) {
		if (index < 0 || index >= size()) {
			throw new IndexOutOfBoundsException("tile " + index + " of " + size());
		}
		int col = index % columns();
		int row = index / columns();
		int w = Math.min(side, width);
		int h = Math.min(side, height);
		return new Rectangle(start(col, width), start(row, height), w, h);
	}

	private int count(int extent) {
		if (extent <= side) {
			return 1;
		}
		int stride = side - overlap;
		return 1 + (int) Math.ceil((double) (extent - side) / stride);
	}

	private int start(int i, int extent) {
		if (extent <= side) {
			return 0;
		}
		return Math.min(i * (side - overlap), extent - side);
	}
}
