package org.csrafiji.image;

import ij.ImagePlus;
import ij.process.ImageProcessor;
import ij.process.LUT;

/**
 * Indexed-colour images: an 8-bit single-channel image whose lookup table is a colour
 * palette (a paletted PNG or GIF opens as ImageJ's COLOR_256; an 8-bit image with a colour
 * LUT is the same thing). Its pixel values are palette indices, not intensities, so it is
 * classified from the colours the palette gives them, exactly as its RGB copy would be.
 * The display range is not applied, as for every 8-bit image. Grey LUTs, inverted or not,
 * keep the grey path, and composites map channels to R, G and B instead.
 */
final class IndexedColour {

	private IndexedColour() {}

	/**
	 * @param imp an image
	 * @return its palette as 256 packed 0xRRGGBB entries, or null when it is not an indexed
	 *         colour image
	 */
	static int[] palette(ImagePlus imp) {
		if (imp.getBitDepth() != 8 || imp.isComposite() || imp.getNChannels() > 1) {
			return null;
		}
		ImageProcessor ip = imp.getProcessor();
		if (ip == null || imp.getType() != ImagePlus.COLOR_256 && !ip.isColorLut()) {
			return null;
		}
		LUT lut = ip.getLut();
		int[] rgb = new int[256];
		int n = lut.getMapSize();
		for (int i = 0; i < 256; i++) {
			int j = Math.min(i, n - 1);
			rgb[i] = (lut.getRed(j) & 0xff) << 16 | (lut.getGreen(j) & 0xff) << 8 | lut.getBlue(j)
				& 0xff;
		}
		return rgb;
	}
}
