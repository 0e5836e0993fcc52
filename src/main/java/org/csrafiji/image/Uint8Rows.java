package org.csrafiji.image;

/**
 * Source rows for {@link Resampler}'s exact 8-bit path (Pillow's uint8 arithmetic): one or
 * more planes of unsigned 8-bit samples, read one row at a time. Reads of different rows may
 * run at the same time on different threads.
 */
public interface Uint8Rows {

	/** @return samples per row */
	int width();

	/** @return rows per plane */
	int height();

	/** @return planes read together (e.g. 3 for R, G, B) */
	int planes();

	/**
	 * Writes row {@code y} of every plane as values 0..255.
	 *
	 * @param y the row, 0-based, below {@link #height()}
	 * @param dst {@code dst[p]} receives plane p's row in its first {@link #width()} elements
	 */
	void read(int y, int[][] dst);
}
