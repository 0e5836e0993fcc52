package org.csrafiji.train.synthetic;

import ij.ImagePlus;
import ij.process.ColorProcessor;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * A large synthetic "slide": scenes of the demo set drawn at their native size side by side
 * on one canvas, row by row, with every object's class, position and pixels known. The demo
 * model sees such a slide tile by tile at the scale it was trained at.
 *
 * @param image the RGB canvas
 * @param objects every object, scene by scene
 */
public record SyntheticSlide(ImagePlus image, List<SlideObject> objects) {

	/** Copies the list. */
	public SyntheticSlide {
		objects = List.copyOf(objects);
	}

	/**
	 * @param generator the scenes (their side is the generator's size)
	 * @param columns scenes across
	 * @param rows scenes down
	 * @return the slide, {@code columns x size} by {@code rows x size} pixels, scene
	 *         {@code r * columns + c} at column c, row r
	 */
	public static SyntheticSlide of(SceneGenerator generator, int columns, int rows) {
		int s = generator.size();
		long pixels = (long) columns * s * rows * s;
		if (columns < 1 || rows < 1 || pixels > Integer.MAX_VALUE) {
			throw new IllegalArgumentException(
				"A slide of " + columns + " x " + rows + " scenes of "
					+ s + " pixels cannot be held in one image; choose fewer scenes.");
		}
		ColorProcessor canvas = new ColorProcessor(columns * s, rows * s);
		int[] dst = (int[]) canvas.getPixels();
		List<SlideObject> objects = new ArrayList<>();
		int[] row = new int[s];
		for (int r = 0; r < rows; r++) {
			for (int c = 0; c < columns; c++) {
				Scene scene = generator.scene(r * columns + c);
				BufferedImage img = scene.image();
				for (int y = 0; y < s; y++) {
					img.getRGB(0, y, s, 1, row, 0, s);
					System.arraycopy(row, 0, dst, (r * s + y) * columns * s + c * s, s);
				}
				for (SceneObject o : scene.objects()) {
					SlideObject p = placed(o, c * s, r * s, s);
					if (p != null) {
						objects.add(p);
					}
				}
			}
		}
		return new SyntheticSlide(new ImagePlus("synthetic slide", canvas), objects);
	}

	/** @return the object moved onto the slide and cut to its bounds, or null when empty */
	private static SlideObject placed(SceneObject o, int dx, int dy, int size) {
		boolean[] m = o.mask();
		int x0 = size;
		int y0 = size;
		int x1 = -1;
		int y1 = -1;
		for (int y = 0; y < size; y++) {
			for (int x = 0; x < size; x++) {
				if (m[y * size + x]) {
					x0 = Math.min(x0, x);
					y0 = Math.min(y0, y);
					x1 = Math.max(x1, x);
					y1 = Math.max(y1, y);
				}
			}
		}
		if (x1 < 0) {
			return null;
		}
		int w = x1 - x0 + 1;
		int h = y1 - y0 + 1;
		boolean[] mask = new boolean[w * h];
		for (int y = 0; y < h; y++) {
			System.arraycopy(m, (y0 + y) * size + x0, mask, y * w, w);
		}
		return new SlideObject(o.kind(), new Rectangle(dx + x0, dy + y0, w, h), mask);
	}
}
