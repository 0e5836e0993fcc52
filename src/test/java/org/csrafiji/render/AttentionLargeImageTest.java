package org.csrafiji.render;

import org.csrafiji.app.AttentionSettings;
import org.csrafiji.app.ClassifiedImage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.gui.ImageRoi;
import ij.gui.Roi;
import ij.process.ByteProcessor;

import java.awt.Rectangle;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;

import org.csrafiji.app.AttentionSettings;
import org.csrafiji.app.ClassifiedImage;
import org.csrafiji.core.ModelSpecs;
import org.csrafiji.image.ConversionOptions;
import org.csrafiji.runtime.CsraModel;
import org.csrafiji.runtime.DeviceChoice;
import org.csrafiji.app.ImageClassifier;
import org.csrafiji.runtime.ModelLoader;
import org.junit.jupiter.api.Test;

/**
 * Attention on a huge image: the maps are rendered on a bounded grid ({@link MapGrid}) and
 * stretched over the image, so the memory they take does not grow with the image. Measured
 * as the bytes the rendering thread allocates (an upper bound of what it holds at once), on
 * a 6000 x 4500 image with the demo model: full-size maps would allocate about 1.1 GB for
 * three classes (a float map, its byte heat map, the outline's and the stack's float copies:
 * 14 bytes per pixel and class); at 20000 x 20000 they would need 5.6 GB per class.
 */
class AttentionLargeImageTest {

	private static final int W = 6000;
	private static final int H = 4500;

	@Test
	void mapGridKeepsSmallRegionsAndBoundsLargeOnes() {
		assertEquals(new MapGrid(640, 480), MapGrid.forRegion(new Rectangle(0, 0, 640, 480), 5));
		assertEquals(new MapGrid(2048, 2048), MapGrid.forRegion(new Rectangle(0, 0, 20000,
			20000), 1));
		MapGrid wide = MapGrid.forRegion(new Rectangle(0, 0, 40000, 10000), 1);
		assertEquals(4.0, (double) wide.width() / wide.height(), 0.01);
		// 80 classes share the budget: each map gets at most 128 Mi / 80 pixels.
		MapGrid many = MapGrid.forRegion(new Rectangle(0, 0, 20000, 20000), 80);
		assertTrue((long) many.width() * many.height() * 80 <= MapGrid.BUDGET_PIXELS, many
			.toString());
	}

	@Test
	void hugeImageGetsBoundedMapsStretchedOverIt() throws Exception {
		ByteProcessor bp = new ByteProcessor(W, H);
		byte[] px = (byte[]) bp.getPixels();
		for (int y = 0; y < H; y++) {
			for (int x = 0; x < W; x++) {
				int dx = x - W / 3, dy = y - H / 2;
				px[y * W + x] = (byte) (dx * dx + dy * dy < 1_500_000 ? 230 : 20);
			}
		}
		ImagePlus imp = new ImagePlus("huge", bp);
		Path spec = Path.of("models/demo/demo.json");
		try (CsraModel model = ModelLoader.load(ModelSpecs.read(spec), DeviceChoice.CPU)) {
			ImageClassifier classifier = new ImageClassifier(model, ConversionOptions.defaults());
			ClassifiedImage ci = new ClassifiedImage(imp, classifier.converter().region(imp),
				classifier.classify(imp), true);
			com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory
				.getThreadMXBean();
			long before = threads.getCurrentThreadAllocatedBytes();
			List<ClassMap> maps = AttentionLayers.select(ci, 0.5, List.of("circle", "square",
				"ring"), 1);
			AttentionResult result = new AttentionOverlayWriter().write(ci, maps, AttentionSettings
				.of("", 1, 0.5, 0.5, true));
			long allocated = threads.getCurrentThreadAllocatedBytes() - before;
			// 3 maps of at most 2048 x 2048 pixels (2364 x 1773 here) at <= 40 bytes per grid
			// pixel (float map 4, heat map 1 and its AWT image, outline copy 4 and its tracing,
			// stack copy 4): under 600 MB whatever the image size; full-size maps: ~1.1 GB here.
			assertTrue(allocated < 600L << 20, "allocated " + (allocated >> 20) + " MiB");
			for (ClassMap m : maps) {
				assertEquals(new MapGrid(2364, 1773), new MapGrid(m.width(), m.height()));
				assertTrue((long) m.width() * m.height() <= MapGrid.MAX_PIXELS);
			}
			for (ImageRoi heat : result.heatMaps()) {
				assertEquals(new Rectangle(0, 0, W, H), heat.getBounds(),
					"stretched over the image");
			}
			for (Roi outline : result.outlines()) {
				Rectangle b = outline.getBounds();
				assertTrue(new Rectangle(0, 0, W, H).contains(b) && b.width > W / 16, b.toString());
			}
			assertEquals(2364, result.stack().getWidth());
		}
	}
}
