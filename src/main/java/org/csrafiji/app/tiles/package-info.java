/**
 * Tiled classification of large images at native resolution: the image is cut into
 * model-sized tiles with overlap ({@link org.csrafiji.image.TileGrid}), each read on demand
 * straight into the model's input buffer, classified in batches, and summarised as one row per
 * tile, a per-class score map at tile resolution and a per-class map stitched from the heads'
 * spatial class scores over the whole image. Memory does not grow with the image: only a
 * batch of inputs and the small maps are held.
 */
package org.csrafiji.app.tiles;
