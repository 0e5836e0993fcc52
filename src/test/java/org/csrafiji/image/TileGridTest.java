package org.csrafiji.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Rectangle;

import org.junit.jupiter.api.Test;

/** Tile geometry against properties checked pixel by pixel. */
class TileGridTest {

	@Test
	void tilesCoverThePlaneStayInsideAndOverlapAtLeastAsAsked() {
		int[][] cases = {{1000, 700, 256, 64}, {256, 256, 256, 0}, {257, 300, 256, 32}, {
			5000, 90, 448, 100}};
		for (int[] c : cases) {
			TileGrid g = new TileGrid(c[0], c[1], c[2], c[3]);
			int[] covered = new int[c[0] * c[1]];
			Rectangle image = new Rectangle(0, 0, c[0], c[1]);
			for (int i = 0; i < g.size(); i++) {
				Rectangle t = g.tile(i);
				assertTrue(image.contains(t), t + " outside " + image);
				assertEquals(Math.min(c[2], c[0]), t.width);
				assertEquals(Math.min(c[2], c[1]), t.height);
				for (int y = t.y; y < t.y + t.height; y++) {
					for (int x = t.x; x < t.x + t.width; x++) {
						covered[y * c[0] + x]++;
					}
				}
				int col = i % g.columns();
				if (col > 0) {
					Rectangle left = g.tile(i - 1);
					assertTrue(left.x + left.width - t.x >= c[3], "overlap " + left + " " + t);
				}
			}
			for (int v : covered) {
				assertTrue(v >= 1);
			}
		}
	}

	@Test
	void countsAreTheFewestTilesAtTheStride() {
		// 1000 px, tiles of 256 every 192: starts 0, 192, 384, 576, then 744 (shifted back
		// from 768 so the tile ends at the edge)
		TileGrid g = new TileGrid(1000, 256, 256, 64);
		assertEquals(5, g.columns());
		assertEquals(1, g.rows());
		assertEquals(744, g.tile(4).x);
		assertEquals(576, g.tile(3).x);
		assertEquals(20000 / 256 + 1, new TileGrid(20000, 20000, 256, 0).columns());
	}

	@Test
	void scaleGivesTheTileSideInImagePixels() {
		assertEquals(448, TileGrid.sideAtScale(448, 1));
		assertEquals(896, TileGrid.sideAtScale(448, 0.5));
		assertThrows(IllegalArgumentException.class, () -> TileGrid.sideAtScale(448, 0));
		assertThrows(IllegalArgumentException.class, () -> new TileGrid(100, 100, 64, 64));
	}

	@Test
	void objectCropsAreSquareWithContextAndShiftedInside() {
		ObjectCrop crop = new ObjectCrop(1.0, 0);
		Rectangle r = crop.of(new Rectangle(100, 100, 20, 10), 1000, 1000);
		assertEquals(new Rectangle(80, 75, 60, 60), r);
		Rectangle edge = crop.of(new Rectangle(0, 5, 20, 20), 1000, 1000);
		assertEquals(new Rectangle(0, 0, 60, 60), edge);
		Rectangle big = new ObjectCrop(1.0, 0).of(new Rectangle(10, 10, 80, 20), 100, 50);
		assertEquals(new Rectangle(0, 0, 100, 50), big);
		assertEquals(256,
			new ObjectCrop(0, 256).of(new Rectangle(500, 500, 10, 10), 1000, 1000).width);
	}
}
