package org.csrafiji.fiji;

import ij.IJ;
import ij.ImageJ;
import ij.ImagePlus;
import ij.WindowManager;
import ij.process.ColorProcessor;

import org.csrafiji.fiji.command.AttentionMapCommand;
import org.csrafiji.fiji.command.ClassifyCommand;
import org.csrafiji.render.ResultsTables;
import org.scijava.Context;

import java.awt.AWTException;
import java.awt.Color;
import java.awt.EventQueue;
import java.awt.Polygon;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.Window;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;

import javax.imageio.ImageIO;

/**
 * Takes the README screenshots from real ImageJ 1.x windows: starts ImageJ (not headless;
 * run it under Xvfb), shows a synthetic RGB image of coloured shapes, runs "CSRA Attention
 * Map" and "CSRA Classify" on it through a SciJava Context in the same JVM, and captures the
 * image window (with the attention overlay) and the "CSRA Results" window with
 * {@link Robot}. Not a test; run by hand:
 *
 * <pre>
 * mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * Xvfb :99 -screen 0 1280x1024x24 &amp;
 * DISPLAY=:99 java -cp target/classes:target/test-classes:$(cat target/cp.txt) \
 *   -Dai.djl.offline=true org.csrafiji.fiji.ScreenshotTool docs
 * </pre>
 *
 * ({@code target/cp.txt} is the class path of the project's dependencies, written by Maven in the
 * first line.)
 *
 * The model is the test fixture (untrained random weights) with shape class names, so the
 * maps show the mechanics, not a trained model's attention.
 */
public final class ScreenshotTool {

	private static final int SETTLE_MS = 1500;

	private ScreenshotTool() {}

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
		// The demo model on one of its held-out sample scenes, when the demo is there.
		File demoSpec = new File("models/demo/demo.json");
		File demoImage = new File("models/demo/samples/scene_00001.png");
		boolean demo = demoSpec.isFile() && demoImage.isFile();
		ImagePlus imp = demo ? IJ.openImage(demoImage.getPath()) : shapes();
		imp.show();
		if (demo) {
			IJ.run(imp, "Set... ", "zoom=200");
		}
		IJ.wait(SETTLE_MS);
		Context ctx = FijiFixtures.context();
		try {
			File model = demo ? demoSpec : FijiFixtures.spec("shapes_r18_h1.json");
			Ran m = FijiFixtures.run(ctx, AttentionMapCommand.class, "model_file", model, "image",
				imp, "classes", demo ? "" : "square", "head", 1, "opacity", demo
					? 0.5
					: 0.55,
				"roi_threshold", demo ? 0.5 : 0.95, "show_stack", false,
				"use_selection", false);
			requireRan(m);
			m = FijiFixtures.run(ctx, ClassifyCommand.class, "model_file", model, "image", imp,
				"use_selection", false);
			requireRan(m);
			WindowManager.setTempCurrentImage(imp);
			imp.getWindow().toFront();
			imp.updateAndDraw();
			IJ.wait(SETTLE_MS);
			capture(imp.getWindow(), new File(out, "attention-overlay.png"));
			Window table = WindowManager.getWindow(ResultsTables.TITLE);
			if (table != null) {
				EventQueue.invokeAndWait(() -> table.setSize(820, 160));
				table.toFront();
				IJ.wait(SETTLE_MS);
				capture(table, new File(out, "results-table.png"));
			}
		}
		finally {
			ctx.dispose();
		}
		System.exit(0);
	}

	static void requireRan(Ran m) {
		if (m.isCanceled()) {
			throw new IllegalStateException("command canceled: " + m.getCancelReason());
		}
	}

	/** A 480 x 360 RGB image: a red disc, a green square, a blue triangle on grey. */
	static ImagePlus shapes() {
		ColorProcessor cp = new ColorProcessor(480, 360);
		cp.setColor(new Color(40, 40, 48));
		cp.fill();
		cp.setColor(new Color(220, 60, 50));
		cp.fillOval(40, 50, 150, 150);
		cp.setColor(new Color(60, 190, 80));
		cp.fillRect(280, 40, 140, 140);
		cp.setColor(new Color(70, 110, 230));
		cp.fillPolygon(new Polygon(new int[]{150, 250, 50}, new int[]{220, 340, 340}, 3));
		cp.setColor(new Color(230, 200, 60));
		cp.fillOval(320, 230, 90, 90);
		return new ImagePlus("shapes.tif", cp);
	}

	static void capture(Window w, File file) throws AWTException, IOException,
		InterruptedException, InvocationTargetException
	{
		Rectangle[] bounds = new Rectangle[1];
		EventQueue.invokeAndWait(() -> bounds[0] = w.getBounds());
		BufferedImage shot = new Robot().createScreenCapture(bounds[0]);
		if (!ImageIO.write(shot, "png", file)) {
			throw new IOException("no PNG writer");
		}
		IJ.log("wrote " + file + " (" + file.length() + " bytes)");
	}
}
