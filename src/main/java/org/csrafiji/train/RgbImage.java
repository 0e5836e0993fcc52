package org.csrafiji.train;

import java.awt.image.BufferedImage;

/**
 * An 8-bit RGB image as three row-major planes, resized (as torchvision does on PIL images)
 * before scaling to [0, 1]: the demo report's synthetic scenes, drawn in memory. Files are read
 * through {@link DatasetImages} and {@link org.csrafiji.image.ImageConverter} instead.
 *
 * @param width width
 * @param height height
 * @param planes red, green and blue, each width x height unsigned bytes
 */
public record RgbImage(int width, int height, byte[][] planes) {

	/**
	 * @param img any buffered image
	 * @return its RGB planes
	 */
	public static RgbImage of(BufferedImage img) {
		int w = img.getWidth();
		int h = img.getHeight();
		int[] argb = img.getRGB(0, 0, w, h, null, 0, w);
		byte[][] p = new byte[3][w * h];
		for (int i = 0; i < argb.length; i++) {
			p[0][i] = (byte) (argb[i] >> 16);
			p[1][i] = (byte) (argb[i] >> 8);
			p[2][i] = (byte) argb[i];
		}
		return new RgbImage(w, h, p);
	}

	/**
	 * @param w target width
	 * @param h target height
	 * @return resized with Pillow's bilinear filter (antialiased when shrinking)
	 */
	public RgbImage resized(int w, int h) {
		if (w == width && h == height) {
			return this;
		}
		byte[][] out = new byte[3][];
		for (int c = 0; c < 3; c++) {
			out[c] = org.csrafiji.image.Resampler.resize(planes[c], width, height, w, h);
		}
		return new RgbImage(w, h, out);
	}

	/**
	 * Writes the image, scaled to [0, 1] and normalised per channel, as CHW floats.
	 *
	 * @param mean per-channel mean
	 * @param std per-channel standard deviation
	 * @param dst destination
	 * @param offset where the image starts in dst
	 */
	public void toChw(double[] mean, double[] std, float[] dst, int offset) {
		int plane = width * height;
		for (int c = 0; c < 3; c++) {
			byte[] p = planes[c];
			int off = offset + c * plane;
			for (int i = 0; i < plane; i++) {
				dst[off + i] = (float) (((p[i] & 0xff) / 255.0 - mean[c]) / std[c]);
			}
		}
	}
}
