package org.csrafiji.app.tiles;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.process.ImageProcessor;

import java.awt.Rectangle;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import org.csrafiji.core.ModelSpecs;
import org.csrafiji.core.Prediction;
import org.csrafiji.image.ConversionOptions;
import org.csrafiji.image.SlicePosition;
import org.csrafiji.runtime.CsraModel;
import org.csrafiji.runtime.DeviceChoice;
import org.csrafiji.app.ImageClassifier;
import org.csrafiji.runtime.ModelLoader;
import org.csrafiji.train.synthetic.SceneGenerator;
import org.csrafiji.train.synthetic.SyntheticSlide;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Tiling with the real demo model on a 2 x 2-scene slide, checked against classifying each
 * tile's cropped copy as a whole image through {@link ImageClassifier}.
 */
class TileClassificationTest {

	private static final SlicePosition FIRST = new SlicePosition(1, 1, 1);
	private static CsraModel model;
	private static ImagePlus slide;

	@BeforeAll
	static void load() {
		model = ModelLoader.load(ModelSpecs.read(Path.of("models", "demo", "demo.json")),
			DeviceChoice.CPU);
		slide = SyntheticSlide.of(new SceneGenerator(256, 77), 2, 2).image();
	}

	@AfterAll
	static void close() {
		model.close();
	}

	@Test
	void eachTileScoresAsItsCroppedCopyDoes() {
		int[] before = ((int[]) slide.getProcessor().getPixels()).clone();
		TileResult result = new TileClassification(model, ConversionOptions.defaults()).run(slide,
			FIRST, new TileSettings(256, 64, 4, 16), Progress.NONE);
		assertTrue(result.complete());
		assertEquals(9, result.rows().size());
		ImageClassifier whole = new ImageClassifier(model, ConversionOptions.defaults());
		for (int i = 0; i < 9; i++) {
			TileRow row = result.rows().get(i);
			Rectangle r = new Rectangle(row.x(), row.y(), row.width(), row.height());
			assertEquals(result.grid().tile(i), r);
			Prediction p = whole.classify(copy(slide, r)).get(0).prediction();
			for (int c = 0; c < 5; c++) {
				// identical inputs; a batch of 4 and a batch of 1 may sum convolutions in
				// another order: float32 rounding of logits of magnitude < 20 over ~10^3-term
				// sums, far below 1e-4 in a sigmoid score
				assertEquals(p.scores()[c], row.scores()[c], 1e-4, "tile " + i + " class " + c);
				assertEquals((float) row.scores()[c], result.scoreMaps()[c][i]);
			}
		}
		assertArrayEquals(before, (int[]) slide.getProcessor().getPixels());
	}

	@Test
	void theStitchedMapAveragesTheTilesCellsUnderEachPixel() {
		TileSettings settings = new TileSettings(256, 64, 9, 16);
		TileResult result = new TileClassification(model, ConversionOptions.defaults()).run(slide,
			FIRST, settings, Progress.NONE);
		StitchedMap map = result.stitched();
		assertEquals(32, map.width());
		assertEquals(32, map.height());
		ImageClassifier whole = new ImageClassifier(model, ConversionOptions.defaults());
		// map pixel (2, 3): centre (40, 56) lies in tile 0 only; the demo model's grid is 8 x 8
		// over 256 pixels, so the cell is (56 / 32, 40 / 32) = row 1, column 1
		Prediction p0 = whole.classify(copy(slide, result.grid().tile(0))).get(0).prediction();
		// map pixel (12, 3): centre (200, 56) lies in tiles 0 and 1 (x from 192): cells column 6
		// of tile 0 and column 0 of tile 1
		Prediction p1 = whole.classify(copy(slide, result.grid().tile(1))).get(0).prediction();
		for (int c = 0; c < 5; c++) {
			float[] s0 = p0.attention().scoreMap(0, c);
			float[] s1 = p1.attention().scoreMap(0, c);
			// the same cells from batches of 9 and 1: float32 reassociation, relative 1e-4
			assertEquals(s0[1 * 8 + 1], map.maps()[c][3 * 32 + 2], 1e-4 * (1 + Math.abs(s0[9])));
			double mean = (s0[1 * 8 + 6] + s1[1 * 8 + 0]) / 2;
			assertEquals(mean, map.maps()[c][3 * 32 + 12], 1e-4 * (1 + Math.abs(mean)));
		}
	}

	@Test
	void cancellingStopsAfterTheBatchInHand() {
		AtomicInteger updates = new AtomicInteger();
		TileResult result = new TileClassification(model, ConversionOptions.defaults()).run(slide,
			FIRST, new TileSettings(256, 64, 2, 0), new Progress() {

				@Override
				public void update(long done, long total) {
					updates.incrementAndGet();
					assertEquals(9, total);
				}

				@Override
				public boolean cancelled() {
					return updates.get() >= 2;
				}
			});
		assertFalse(result.complete());
		assertEquals(4, result.rows().size());
		assertTrue(Float.isNaN(result.scoreMaps()[0][4]));
		for (int i = 0; i < 4; i++) {
			assertFalse(Float.isNaN(result.scoreMaps()[0][i]));
		}
	}

	static ImagePlus copy(ImagePlus imp, Rectangle r) {
		ImageProcessor ip = imp.getProcessor().duplicate();
		ip.setRoi(r);
		return new ImagePlus("tile", ip.crop());
	}
}
