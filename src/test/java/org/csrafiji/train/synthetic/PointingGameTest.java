package org.csrafiji.train.synthetic;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PointingGameTest {

	/** 4 x 4 grid on a 64 px image: cells of 16 px. */
	private static boolean[] square(int x0, int y0, int side) {
		boolean[] m = new boolean[64 * 64];
		for (int y = y0; y < y0 + side; y++) {
			for (int x = x0; x < x0 + side; x++) {
				m[y * 64 + x] = true;
			}
		}
		return m;
	}

	private static float[] peakAt(int row, int col) {
		float[] a = new float[16];
		java.util.Arrays.fill(a, 0.01f);
		a[row * 4 + col] = 0.9f;
		return a;
	}

	@Test
	void hitsWhenTheMaximumCellCoversTheObject() {
		assertTrue(PointingGame.hit(peakAt(1, 2), 4, 4, square(36, 20, 6), 64));
	}

	@Test
	void toleratesOneCellButNotTwo() {
		// Peak cell centre (24, 24); object at x 44..49 is 20 px away (> 16): a miss.
		assertFalse(PointingGame.hit(peakAt(1, 1), 4, 4, square(44, 20, 6), 64));
		// Object at x 38..43 starts 14.5 px from the centre: within one cell.
		assertTrue(PointingGame.hit(peakAt(1, 1), 4, 4, square(38, 20, 6), 64));
	}
}
