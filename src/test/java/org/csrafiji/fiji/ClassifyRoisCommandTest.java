package org.csrafiji.fiji;

import org.csrafiji.render.ClassColours;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.gui.Overlay;
import ij.gui.Roi;
import ij.measure.ResultsTable;
import ij.process.ShortProcessor;

import java.awt.Rectangle;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.csrafiji.app.slide.SlideRoisAccess;
import org.csrafiji.fiji.command.ClassifyRoisCommand;
import org.csrafiji.train.synthetic.SceneGenerator;
import org.csrafiji.train.synthetic.SlideObject;
import org.csrafiji.train.synthetic.SyntheticSlide;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CSRA Classify ROIs through the real CommandService with the demo model, headless, on a
 * 2 x 2-scene synthetic slide whose objects' classes and pixels are known: the objects come
 * from the image's Overlay or from a label image file; the table is checked against the
 * objects' own masks and classes, the Overlay's outlines against the class colours.
 */
class ClassifyRoisCommandTest extends ContextTestBase {

	@TempDir
	static Path tmp;

	private static SyntheticSlide slide;

	@BeforeAll
	static void makeSlide() {
		slide = SyntheticSlide.of(new SceneGenerator(256, 31), 2, 2);
	}

	private static Ran objects(ImagePlus imp, Object... extra) throws Exception {
		List<Object> in = new ArrayList<>(List.of("model_file", TileClassifyCommandTest.DEMO,
			"image", imp, "label_image", "", "margin", 1.0, "min_side", 0, "with_neighbours", false,
			"batch", 8, "channels", "", "percentiles", ""));
		in.addAll(List.of(extra));
		return FijiFixtures.run(ctx, ClassifyRoisCommand.class, in.toArray());
	}

	private static ImagePlus withRois() {
		ImagePlus imp = slide.image().duplicate();
		imp.setTitle("slide");
		Overlay overlay = new Overlay();
		for (int i = 0; i < slide.objects().size(); i++) {
			overlay.add(SlideRoisAccess.of(slide.objects().get(i), "object-" + (i + 1)));
		}
		imp.setOverlay(overlay);
		return imp;
	}

	@Test
	void everyOverlayRoiIsOneRowAndOneOutlineInItsClassColour() throws Exception {
		ImagePlus imp = withRois();
		String before = FijiFixtures.checksum(imp);
		int n = slide.objects().size();
		ResultsTable rt = (ResultsTable) objects(imp).getOutput("object_table");
		assertEquals(n, rt.size());
		int right = 0;
		for (int i = 0; i < n; i++) {
			SlideObject o = slide.objects().get(i);
			assertEquals("object-" + (i + 1), rt.getStringValue("Name", i));
			// the reference: the object's own mask, counted here
			Rectangle b = o.bounds();
			boolean[] mask = o.mask();
			double sx = 0;
			double sy = 0;
			int area = 0;
			for (int k = 0; k < mask.length; k++) {
				if (mask[k]) {
					area++;
					sx += b.x + k % b.width + 0.5;
					sy += b.y + k / b.width + 0.5;
				}
			}
			assertEquals(area, rt.getValue("Area", i));
			assertEquals(sx / area, rt.getValue("X", i), 1e-9);
			assertEquals(sy / area, rt.getValue("Y", i), 1e-9);
			right += rt.getStringValue("Top", i).equals(o.kind().label()) ? 1 : 0;
		}
		// the demo model names 99 % of such objects right (README); on this slide at least 90 %
		assertTrue(right >= 0.9 * n, right + " of " + n);
		assertEquals(before, FijiFixtures.checksum(imp), "the image's pixels are only read");
		assertOutlines(imp, rt, n);
		// a second run reads the user's ROIs only, and replaces its outlines
		ResultsTable again = (ResultsTable) objects(imp).getOutput("object_table");
		assertEquals(n, again.size());
		assertOutlines(imp, again, n);
	}

	/** The user's n ROIs first, untouched, then one outline per row in its top class's colour. */
	private static void assertOutlines(ImagePlus imp, ResultsTable rt, int n) {
		Overlay overlay = imp.getOverlay();
		assertEquals(2 * n, overlay.size());
		for (int i = 0; i < n; i++) {
			Roi mine = overlay.get(i);
			assertEquals("object-" + (i + 1), mine.getName());
			assertFalse(ObjectOverlay.added(mine));
			Roi added = overlay.get(n + i);
			assertTrue(ObjectOverlay.added(added));
			int top = TileClassifyCommandTest.SHAPES.indexOf(rt.getStringValue("Top", i));
			assertEquals(ClassColours.of(top), added.getStrokeColor());
			assertTrue(added.getName().startsWith("object-" + (i + 1) + ": " + rt.getStringValue(
				"Top", i) + " ("), added.getName());
			assertEquals(mine.getBounds(), added.getBounds());
		}
	}

	@Test
	void aLabelImageFileGivesTheSameRowsAsTheRois() throws Exception {
		ImagePlus withRois = withRois();
		ResultsTable fromRois = (ResultsTable) objects(withRois).getOutput("object_table");
		ShortProcessor labels = new ShortProcessor(slide.image().getWidth(), slide.image()
			.getHeight());
		for (int i = 0; i < slide.objects().size(); i++) {
			SlideObject o = slide.objects().get(i);
			Rectangle b = o.bounds();
			boolean[] m = o.mask();
			for (int k = 0; k < m.length; k++) {
				if (m[k]) labels.set(b.x + k % b.width, b.y + k / b.width, i + 1);
			}
		}
		Path file = tmp.resolve("labels.tif");
		IJ.saveAsTiff(new ImagePlus("labels", labels), file.toString());
		ImagePlus plain = slide.image().duplicate();
		Ran m = objects(plain, "label_image", file.toString());
		assertFalse(m.isCanceled(), m.getCancelReason());
		ResultsTable rt = (ResultsTable) m.getOutput("object_table");
		assertEquals(fromRois.size(), rt.size());
		for (int i = 0; i < rt.size(); i++) {
			assertEquals(String.valueOf(i + 1), rt.getStringValue("Name", i));
			assertEquals(fromRois.getValue("Area", i), rt.getValue("Area", i));
			for (String c : TileClassifyCommandTest.SHAPES) {
				// the same crop and mask in the same batches: the same input, the same scores
				// up to float32 reassociation (far below 1e-5 in a sigmoid score)
				assertEquals(fromRois.getValue(c, i), rt.getValue(c, i), 1e-5, c + " of " + i);
			}
		}
		assertEquals(rt.size(), plain.getOverlay().size(), "one traced outline per label");
		assertEquals(fromRois.getValue("Area", 0),
			plain.getOverlay().get(0).getStatistics().pixelCount);
	}

	@Test
	void missingObjectsAreOneMessage() throws Exception {
		Ran none = objects(slide.image().duplicate());
		assertTrue(none.isCanceled());
		assertTrue(none.getCancelReason().startsWith("No ROIs to classify on"), none
			.getCancelReason());
		Ran missing = objects(slide.image().duplicate(), "label_image", tmp.resolve("nothing.tif")
			.toString());
		assertTrue(missing.isCanceled());
		assertTrue(missing.getCancelReason().contains("is neither the title of an open image nor"
			+ " an image file"), missing.getCancelReason());
		ImagePlus small = new ImagePlus("small", new ShortProcessor(8, 8));
		Path file = tmp.resolve("small.tif");
		IJ.saveAsTiff(small, file.toString());
		Ran size = objects(slide.image().duplicate(), "label_image", file.toString());
		assertTrue(size.isCanceled());
		assertTrue(size.getCancelReason().contains("must be a grey label image of the same size"),
			size.getCancelReason());
	}
}
