package org.csrafiji.app.tiles;

import java.util.List;

import org.csrafiji.core.ClassLabels;
import org.csrafiji.image.TileGrid;

/**
 * What tiling an image gives.
 *
 * @param classes class names, in score order
 * @param grid the tiles
 * @param rows one row per tile classified, in grid order (row by row)
 * @param scoreMaps per class, the tiles' scores as a {@code columns x rows} image, row-major
 *          (NaN for tiles not classified when cancelled)
 * @param stitched the stitched maps, or null when not asked for
 * @param complete false when cancelled before the last tile
 */
public record TileResult(ClassLabels classes, TileGrid grid, List<TileRow> rows,
	float[][] scoreMaps, StitchedMap stitched, boolean complete)
{}
