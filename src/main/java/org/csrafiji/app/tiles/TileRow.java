package org.csrafiji.app.tiles;

import java.util.List;

/**
 * One classified tile.
 *
 * @param x left edge in the image
 * @param y top edge in the image
 * @param width tile width
 * @param height tile height
 * @param labels the classes scored above the model's threshold, in class order
 * @param scores one sigmoid score per class, in class order
 */
public record TileRow(int x, int y, int width, int height, List<String> labels,
	double[] scores)
{

	/** Copies. */
	public TileRow {
		labels = List.copyOf(labels);
		scores = scores.clone();
	}

	@Override
	public double[] scores() {
		return scores.clone();
	}
}
