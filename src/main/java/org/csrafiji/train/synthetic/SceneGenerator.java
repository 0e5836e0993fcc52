package org.csrafiji.train.synthetic;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Draws deterministic synthetic scenes: image i of seed s depends on (s, i) only. Each kind is
 * present with probability 0.4 (at least one object per scene), sized 16 % to 32 % of the
 * image side, placed without overlap, in a random saturated colour; the background is a
 * random colour gradient with low-frequency blotches and per-pixel noise, kept at least a
 * fixed luminance away from the objects' colours.
 */
public final class SceneGenerator {

	private static final double PRESENT = 0.4;
	private final int size;
	private final long seed;

	/**
	 * @param size image side in pixels
	 * @param seed the set's seed
	 */
	public SceneGenerator(int size, long seed) {
		this.size = size;
		this.seed = seed;
	}

	/** @return image side */
	public int size() {
		return size;
	}

	/**
	 * @param index image number
	 * @return the scene
	 */
	public Scene scene(int index) {
		Random r = new Random(seed * 1_000_003L + index * 7_919L + 17);
		float bgHue = r.nextFloat();
		boolean darkBackground = r.nextBoolean();
		BufferedImage img = background(r, bgHue, darkBackground);
		List<ShapeKind> kinds = new ArrayList<>();
		for (ShapeKind k : ShapeKind.values()) {
			if (r.nextDouble() < PRESENT) {
				kinds.add(k);
			}
		}
		if (kinds.isEmpty()) {
			kinds.add(ShapeKind.values()[r.nextInt(ShapeKind.values().length)]);
		}
		Graphics2D g = img.createGraphics();
		g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
		List<Rectangle2D> placed = new ArrayList<>();
		List<SceneObject> objects = new ArrayList<>();
		for (ShapeKind k : kinds) {
			Rectangle2D box = place(r, placed);
			if (box == null) {
				continue;
			}
			placed.add(box);
			Shape outline = k.outline(box.getX(), box.getY(), box.getWidth());
			float hue = r.nextFloat();
			float bright = darkBackground
				? 0.75f + 0.25f * r.nextFloat()
				: 0.2f + 0.25f * r
					.nextFloat();
			g.setColor(Color.getHSBColor(hue, 0.5f + 0.5f * r.nextFloat(), bright));
			g.fill(outline);
			objects.add(new SceneObject(k, mask(outline)));
		}
		g.dispose();
		return new Scene(img, objects);
	}

	private Rectangle2D place(Random r, List<Rectangle2D> placed) {
		for (int attempt = 0; attempt < 50; attempt++) {
			double d = size * (0.16 + 0.16 * r.nextDouble());
			double x = r.nextDouble() * (size - d);
			double y = r.nextDouble() * (size - d);
			Rectangle2D box = new Rectangle2D.Double(x, y, d, d);
			Rectangle2D grown = new Rectangle2D.Double(x - 2, y - 2, d + 4, d + 4);
			if (placed.stream().noneMatch(grown::intersects)) {
				return box;
			}
		}
		return null;
	}

	private BufferedImage background(Random r, float hue, boolean dark) {
		BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
		float base = dark ? 0.12f + 0.2f * r.nextFloat() : 0.7f + 0.2f * r.nextFloat();
		Color a = Color.getHSBColor(hue, 0.2f + 0.5f * r.nextFloat(), base);
		Color b = Color.getHSBColor(hue + 0.2f * (r.nextFloat() - 0.5f), 0.2f + 0.5f * r
			.nextFloat(), base + (r.nextFloat() - 0.5f) * 0.1f);
		double angle = r.nextDouble() * Math.PI * 2;
		double cos = Math.cos(angle);
		double sin = Math.sin(angle);
		double[][] blobs = new double[4][];
		for (int i = 0; i < blobs.length; i++) {
			blobs[i] = new double[]{r.nextDouble() * size, r.nextDouble() * size, size * (0.1 + 0.2
				* r.nextDouble()), (r.nextDouble() - 0.5) * 40};
		}
		double noise = 6 + 10 * r.nextDouble();
		for (int y = 0; y < size; y++) {
			for (int x = 0; x < size; x++) {
				double t = 0.5 + ((x - size / 2.0) * cos + (y - size / 2.0) * sin) / size;
				t = Math.max(0, Math.min(1, t));
				double blob = 0;
				for (double[] bl : blobs) {
					double dx = x - bl[0];
					double dy = y - bl[1];
					blob += bl[3] * Math.exp(-(dx * dx + dy * dy) / (2 * bl[2] * bl[2]));
				}
				int[] rgb = new int[3];
				int[] ca = {a.getRed(), a.getGreen(), a.getBlue()};
				int[] cb = {b.getRed(), b.getGreen(), b.getBlue()};
				for (int c = 0; c < 3; c++) {
					double v = ca[c] * (1 - t) + cb[c] * t + blob + r.nextGaussian() * noise;
					rgb[c] = (int) Math.max(0, Math.min(255, Math.round(v)));
				}
				img.setRGB(x, y, rgb[0] << 16 | rgb[1] << 8 | rgb[2]);
			}
		}
		return img;
	}

	private boolean[] mask(Shape outline) {
		boolean[] m = new boolean[size * size];
		for (int y = 0; y < size; y++) {
			for (int x = 0; x < size; x++) {
				m[y * size + x] = outline.contains(x + 0.5, y + 0.5);
			}
		}
		return m;
	}
}
