package org.csrafiji.app.tiles;

/**
 * How an image is tiled.
 *
 * @param side the tile side in image pixels (the model's input size at scale 1, see
 *          {@link org.csrafiji.image.TileGrid#sideAtScale})
 * @param overlap pixels shared by neighbouring tiles
 * @param batch tiles per forward pass
 * @param mapStep image pixels per pixel of the stitched map (e.g. 16), or 0 for no stitched
 *          map
 */
public record TileSettings(int side, int overlap, int batch, int mapStep) {

	/** The most values the stitched maps may hold, all classes together (256 MiB of floats). */
	public static final long MAX_MAP_VALUES = 64L << 20;

	/** Checks the values. */
	public TileSettings {
		if (batch < 1) {
			throw new IllegalArgumentException("The batch size must be at least 1, not " + batch
				+ ".");
		}
		if (mapStep < 0) {
			throw new IllegalArgumentException("The map step must be 0 (no map) or a number of"
				+ " image pixels per map pixel, not " + mapStep + ".");
		}
	}
}
