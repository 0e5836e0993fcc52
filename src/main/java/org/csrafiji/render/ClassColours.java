package org.csrafiji.render;

import ij.process.LUT;

import java.awt.Color;

/**
 * One colour per class for attention overlays, the same for its heat map, outline and name:
 * the Okabe-Ito palette (distinguishable with the common colour-vision deficiencies), without
 * its black, taken in the order of the model's classes and repeated after seven classes.
 */
public final class ClassColours {

	private static final Color[] PALETTE = {new Color(230, 159, 0), new Color(86, 180, 233),
		new Color(0, 158, 115), new Color(240, 228, 66), new Color(0, 114, 178), new Color(213, 94,
			0),
		new Color(204, 121, 167)};

	/** The darkest a heat map's colour gets, as a fraction of the class colour. */
	static final double DIMMEST = 0.45;

	private ClassColours() {}

	/**
	 * @param classIndex a class's index in the model
	 * @return its colour
	 */
	public static Color of(int classIndex) {
		return PALETTE[Math.floorMod(classIndex, PALETTE.length)];
	}

	/**
	 * A heat-map LUT in one class's colour: index 0 black (drawn transparent), then the colour
	 * from {@link #DIMMEST} of its brightness at index 1 to full brightness at 255.
	 *
	 * @param colour the class colour
	 * @return the LUT
	 */
	public static LUT heat(Color colour) {
		byte[] r = new byte[256];
		byte[] g = new byte[256];
		byte[] b = new byte[256];
		for (int i = 1; i < 256; i++) {
			double f = DIMMEST + (1 - DIMMEST) * (i - 1) / 254.0;
			r[i] = (byte) Math.round(colour.getRed() * f);
			g[i] = (byte) Math.round(colour.getGreen() * f);
			b[i] = (byte) Math.round(colour.getBlue() * f);
		}
		return new LUT(r, g, b);
	}
}
