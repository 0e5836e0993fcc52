package org.csrafiji.fiji;

import ij.ImagePlus;
import ij.measure.ResultsTable;

/**
 * What Tile Classify gives.
 *
 * @param table one row per tile ({@link RegionTables#TILES})
 * @param scoreMap one channel per class at tile resolution, calibrated like the image
 * @param tileMap the stitched per-class map, calibrated like the image, or null when not
 *          asked for
 */
public record TileOutputs(ResultsTable table, ImagePlus scoreMap, ImagePlus tileMap) {}
