package org.csrafiji.fiji;

import org.csrafiji.app.tiles.TileSettings;
import org.csrafiji.core.CsraException;
import org.csrafiji.image.TileGrid;

/**
 * Tile Classify's tiling choices as the command takes them.
 *
 * @param tileSize the tile side in image pixels, or 0 for the model's input size (scale 1)
 * @param overlap pixels shared by neighbouring tiles
 * @param batch tiles per forward pass
 * @param mapStep image pixels per pixel of the stitched map, or 0 for no stitched map
 * @param channels empty, or the channels feeding R, G and B ("2" or "2,1,0")
 * @param percentiles empty, or the low and high percentiles ("1,99.8")
 */
public record TileOptions(int tileSize, int overlap, int batch, int mapStep, String channels,
	String percentiles)
{

	/** The most tiles one run classifies (a table row and a score-map pixel each). */
	public static final int MAX_TILES = 1_000_000;

	/**
	 * @param inputSize the model's input size
	 * @param width the image width
	 * @param height the image height
	 * @return the settings for the application layer
	 * @throws CsraException when a value cannot tile the image, saying which
	 */
	public TileSettings settings(int inputSize, int width, int height) {
		int side = tileSize == 0 ? inputSize : tileSize;
		if (tileSize < 0) {
			throw new CsraException("tile_size must be 0 (the model's input size, " + inputSize
				+ ") or a number of pixels, not " + tileSize + ".");
		}
		try {
			int tiles = new TileGrid(width, height, side, overlap).size();
			if (tiles > MAX_TILES) {
				throw new CsraException(width + " x " + height + " pixels in tiles of " + side
					+ " px make " + tiles + " tiles, more than the " + MAX_TILES
					+ " one table holds;"
					+ " choose a larger tile_size or a smaller overlap.");
			}
			return new TileSettings(side, overlap, batch, mapStep);
		}
		catch (IllegalArgumentException e) {
			throw new CsraException(e.getMessage(), e);
		}
	}
}
