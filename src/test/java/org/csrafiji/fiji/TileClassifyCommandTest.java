package org.csrafiji.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.gui.Roi;
import ij.measure.Calibration;
import ij.measure.ResultsTable;

import java.io.File;
import java.util.ArrayList;
import java.util.List;

import org.csrafiji.core.CsraException;
import org.csrafiji.fiji.command.ClassifyCommand;
import org.csrafiji.fiji.command.TileClassifyCommand;
import org.csrafiji.train.synthetic.SceneGenerator;
import org.csrafiji.train.synthetic.SyntheticSlide;
import org.junit.jupiter.api.Test;

/**
 * CSRA Tile Classify through the real CommandService with the demo model on a 2 x 2-scene
 * synthetic slide: each tile's row is checked against CSRA Classify of the same rectangle as a
 * selection (the whole-image path of the plugin), the maps against the table and the image's
 * calibration.
 */
class TileClassifyCommandTest extends ContextTestBase {

	static final File DEMO = new File("models/demo/demo.json");
	static final List<String> SHAPES = List.of("circle", "square", "triangle", "cross", "ring");

	static ImagePlus slide(long seed) {
		ImagePlus imp = SyntheticSlide.of(new SceneGenerator(256, seed), 2, 2).image();
		Calibration cal = imp.getCalibration();
		cal.pixelWidth = 0.5;
		cal.pixelHeight = 0.25;
		cal.setUnit("mm");
		return imp;
	}

	private static Ran tiles(ImagePlus imp, Object... extra) throws Exception {
		List<Object> in = new ArrayList<>(List.of("model_file", DEMO, "image", imp, "tile_size", 0,
			"overlap", 64, "map_step", 16, "batch", 4, "channels", "", "percentiles", ""));
		in.addAll(List.of(extra));
		return FijiFixtures.run(ctx, TileClassifyCommand.class, in.toArray());
	}

	@Test
	void eachTileScoresAsCsraClassifyOfThatSelection() throws Exception {
		ImagePlus slide = slide(77);
		String before = FijiFixtures.checksum(slide);
		Ran m = tiles(slide);
		assertTrue(!m.isCanceled(), m.getCancelReason());
		ResultsTable rt = (ResultsTable) m.getOutput("tile_table");
		// 512 px in tiles of 256 (the demo model's input) overlapping by 64: stride 192, 3 x 3
		assertEquals(9, rt.size());
		ImagePlus scores = (ImagePlus) m.getOutput("score_map");
		assertEquals(List.of(3, 3, 5), List.of(scores.getWidth(), scores.getHeight(), scores
			.getNChannels()));
		for (int i = 0; i < 9; i++) {
			int x = (int) rt.getValue("x", i);
			int y = (int) rt.getValue("y", i);
			// the last column and row are shifted inside the image, as TileGrid places them
			assertEquals(List.of(Math.min(192 * (i % 3), 256), Math.min(192 * (i / 3), 256), 256,
				256),
				List.of(x, y, (int) rt
					.getValue("w", i), (int) rt.getValue("h", i)));
			ImagePlus copy = slide.duplicate();
			copy.setRoi(new Roi(x, y, 256, 256));
			ResultsTable whole = (ResultsTable) FijiFixtures.run(ctx, ClassifyCommand.class,
				"model_file", DEMO, "image", copy, "use_selection", true)
				.getOutput("results_table");
			List<String> above = new ArrayList<>();
			for (int c = 0; c < 5; c++) {
				String name = SHAPES.get(c);
				double expected = whole.getValue(name, whole.size() - 1);
				// the same 256 x 256 input, in a batch of 4 here and of 1 there: float32 sums
				// reassociated over ~10^3 terms move logits below 20 by ~1e-5, a sigmoid score by
				// far less than 1e-4
				assertEquals(expected, rt.getValue(name, i), 1e-4, "tile " + i + " " + name);
				scores.setC(c + 1);
				assertEquals(rt.getValue(name, i), scores.getProcessor().getf(i % 3, i / 3), 1e-6);
				if (rt.getValue(name, i) > 0.5) above.add(name);
			}
			assertEquals(String.join(";", above), rt.getStringValue("Labels", i));
		}
		// calibrated like the image: a score pixel spans the stride, centred on the tile
		assertEquals(0.5 * 192, scores.getCalibration().pixelWidth, 1e-12);
		assertEquals(0.25 * 192, scores.getCalibration().pixelHeight, 1e-12);
		assertEquals("mm", scores.getCalibration().getUnit());
		assertEquals(-128 / 192.0, scores.getCalibration().xOrigin, 1e-12);
		ImagePlus map = (ImagePlus) m.getOutput("tile_map");
		assertEquals(List.of(32, 32, 5), List.of(map.getWidth(), map.getHeight(), map
			.getNChannels()));
		assertEquals(0.5 * 16, map.getCalibration().pixelWidth, 1e-12);
		for (int c = 0; c < 5; c++) {
			assertEquals(SHAPES.get(c), map.getStack().getSliceLabel(c + 1));
		}
		assertEquals(TileTask.MAP_PREFIX + slide.getTitle(), map.getTitle());
		assertEquals(before, FijiFixtures.checksum(slide), "the slide's pixels are only read");
		assertNull(slide.getOverlay());
	}

	@Test
	void noStitchedMapWhenItsStepIsZero() throws Exception {
		Ran m = tiles(slide(78), "map_step", 0, "tile_size", 300, "overlap", 0);
		assertTrue(!m.isCanceled(), m.getCancelReason());
		assertNull(m.getOutput("tile_map"));
		// 512 px in tiles of 300 without overlap: 2 x 2, the last shifted inside the image
		assertEquals(4, ((ResultsTable) m.getOutput("tile_table")).size());
	}

	@Test
	void inputsThatCannotTileAreOneMessage() throws Exception {
		ImagePlus slide = slide(79);
		Ran overlap = tiles(slide, "overlap", 256);
		assertTrue(overlap.isCanceled());
		assertTrue(overlap.getCancelReason().startsWith("The overlap must lie between 0 and the"
			+ " tile side minus 1 (255)"), overlap.getCancelReason());
		Ran slices = tiles(slide, "all_slices", true);
		assertTrue(slices.isCanceled());
		assertTrue(slices.getCancelReason().startsWith("all_slices=true is not supported here"),
			slices.getCancelReason());
		Ran channels = tiles(slide, "channels", "1,2");
		assertTrue(channels.isCanceled());
		assertTrue(channels.getCancelReason().contains("1,2"), channels.getCancelReason());
	}

	@Test
	void tooManyTilesAreRefusedBeforeAnyIsRead() {
		// 2000 x 2000 pixels in tiles of 1: 4 000 000 rows, over the limit of one table
		CsraException e = assertThrows(CsraException.class, () -> new TileOptions(1, 0, 8, 0, "",
			"").settings(256, 2000, 2000));
		assertTrue(e.getMessage().contains("make 4000000 tiles, more than the 1000000"), e
			.getMessage());
		assertEquals(256, new TileOptions(0, 32, 8, 16, "", "").settings(256, 2000, 2000).side());
	}
}
