package org.csrafiji.app.tiles;

/**
 * A per-class map over the whole image, stitched from the tiles' spatial class scores (the
 * first head's normalised score map {@code s[c, k]}, whose softmax is the head's attention):
 * each map pixel is the mean over the tiles covering its centre of the score at the feature
 * cell under it. Unlike the attention weights, which each tile normalises on its own, these
 * scores are comparable from tile to tile.
 *
 * @param width map width
 * @param height map height
 * @param step image pixels per map pixel
 * @param maps one row-major {@code width x height} map per class
 */
public record StitchedMap(int width, int height, int step, float[][] maps) {}
