package org.csrafiji.fiji;

import ij.IJ;
import ij.ImageJ;
import ij.ImagePlus;
import ij.WindowManager;
import ij.gui.Overlay;

import java.awt.EventQueue;
import java.awt.Window;
import java.io.File;
import java.io.IOException;

import org.csrafiji.app.slide.SlideRoisAccess;
import org.csrafiji.fiji.command.ClassifyRoisCommand;
import org.csrafiji.fiji.command.TileClassifyCommand;
import org.csrafiji.train.synthetic.SceneGenerator;
import org.csrafiji.train.synthetic.SyntheticSlide;
import org.scijava.Context;

/**
 * Takes the README's pictures of CSRA Classify ROIs and CSRA Tile Classify from real ImageJ
 * windows: a synthetic slide of 2 x 2 held-out demo scenes with its objects' own ROIs on the
 * Overlay, classified one object at a time (outlines in their top class's colour), and the
 * stitched tile map of the same slide. Not a test; run by hand under a display (Xvfb), like
 * {@link ScreenshotTool}:
 *
 * <pre>
 * mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * Xvfb :99 -screen 0 1600x1200x24 &amp;
 * DISPLAY=:99 java -cp target/classes:target/test-classes:$(cat target/cp.txt) \
 *   -Dai.djl.offline=true org.csrafiji.fiji.RegionScreenshotTool docs
 * </pre>
 */
public final class RegionScreenshotTool {

	private static final int SETTLE_MS = 1500;

	private static final File DEMO = new File("models/demo/demo.json");

	private RegionScreenshotTool() {}

	/**
	 * @param args the output folder (default {@code docs})
	 * @throws Exception when ImageJ, the commands or the capture fail
	 */
	public static void main(String[] args) throws Exception {
		File out = new File(args.length > 0 ? args[0] : "docs");
		if (!out.isDirectory() && !out.mkdirs()) {
			throw new IOException("cannot create " + out);
		}
		new ImageJ();
		SyntheticSlide slide = SyntheticSlide.of(new SceneGenerator(256, 9001), 2, 2);
		ImagePlus objects = slide.image().duplicate();
		objects.setTitle("slide (objects)");
		Overlay overlay = new Overlay();
		for (int i = 0; i < slide.objects().size(); i++) {
			overlay.add(SlideRoisAccess.of(slide.objects().get(i), "object-" + (i + 1)));
		}
		objects.setOverlay(overlay);
		objects.show();
		ImagePlus tiles = slide.image().duplicate();
		tiles.setTitle("slide");
		tiles.show();
		IJ.wait(SETTLE_MS);
		Context ctx = FijiFixtures.context();
		try {
			ScreenshotTool.requireRan(FijiFixtures.run(ctx, ClassifyRoisCommand.class, "model_file",
				DEMO, "image",
				objects, "label_image", "", "margin", 1.0, "min_side", 0, "with_neighbours", false,
				"batch", 8, "channels", "", "percentiles", ""));
			ScreenshotTool.requireRan(FijiFixtures.run(ctx, TileClassifyCommand.class, "model_file",
				DEMO, "image",
				tiles, "tile_size", 0, "overlap", 64, "map_step", 16, "batch", 8, "channels", "",
				"percentiles", ""));
			IJ.wait(SETTLE_MS);
			objects.getWindow().toFront();
			objects.updateAndDraw();
			IJ.wait(SETTLE_MS);
			ScreenshotTool.capture(objects.getWindow(), new File(out, "classify-rois.png"));
			Window map = WindowManager.getWindow(TileTask.MAP_PREFIX + tiles.getTitle());
			if (map == null) {
				throw new IllegalStateException("no tile map window");
			}
			Window table = WindowManager.getWindow(RegionTables.OBJECTS);
			if (table != null) {
				EventQueue.invokeAndWait(() -> table.setSize(900, 230));
				table.toFront();
				IJ.wait(SETTLE_MS);
				ScreenshotTool.capture(table, new File(out, "objects-table.png"));
			}
			ImagePlus mapImage = WindowManager.getImage(TileTask.MAP_PREFIX + tiles.getTitle());
			IJ.run(mapImage, "Set... ", "zoom=800"); // one map pixel per 16 image pixels
			IJ.wait(SETTLE_MS);
			map = WindowManager.getWindow(TileTask.MAP_PREFIX + tiles.getTitle());
			map.toFront();
			IJ.wait(SETTLE_MS);
			ScreenshotTool.capture(map, new File(out, "tile-map.png"));
		}
		finally {
			ctx.dispose();
		}
		System.exit(0);
	}
}
