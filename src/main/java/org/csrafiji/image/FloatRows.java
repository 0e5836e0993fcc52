package org.csrafiji.image;

/**
 * Source rows for {@link Resampler}'s floating-point path: one or more planes of the same
 * size, read one row at a time so that a resize never needs a full-size copy of the source.
 * An implementation converts its own pixel type (16-bit, 32-bit, with an intensity window)
 * inside {@link #read}, in one tight loop per row. Reads of different rows may run at the
 * same time on different threads.
 */
public interface FloatRows {

	/** @return samples per row */
	int width();

	/** @return rows per plane */
	int height();

	/** @return planes read together (e.g. 3 for R, G, B) */
	int planes();

	/**
	 * Writes row {@code y} of every plane.
	 *
	 * @param y the row, 0-based, below {@link #height()}
	 * @param dst {@code dst[p]} receives plane p's row in its first {@link #width()} elements
	 */
	void read(int y, float[][] dst);
}
