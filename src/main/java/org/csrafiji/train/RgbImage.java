package org.csrafiji.train;

import org.csrafiji.core.ImageInputException;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

import javax.imageio.ImageIO;

/**
 * An 8-bit RGB image as three row-major planes, the form the training pipeline crops, flips and
 * resizes (as torchvision does on PIL images) before scaling to [0, 1].
 *
 * @param width width
 * @param height height
 * @param planes red, green and blue, each width x height unsigned bytes
 */
public record RgbImage(int width, int height, byte[][] planes) {

	/**
	 * @param file a PNG, JPEG, TIFF or other file ImageIO reads
	 * @return its RGB planes (grey images repeated, alpha dropped)
	 */
	public static RgbImage read(Path file) {
		BufferedImage img;
		try {
			img = ImageIO.read(file.toFile());
		}
		catch (IOException e) {
			throw new ImageInputException("Cannot read training image " + file + ": " + e
				.getMessage(), e);
		}
		if (img == null) {
			throw new ImageInputException("Training image " + file + " is in a format Java cannot"
				+ " read; convert it to PNG or JPEG.");
		}
		return of(img);
	}

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
	 * @param x left
	 * @param y top
	 * @param w width
	 * @param h height
	 * @return the region, copied
	 */
	public RgbImage crop(int x, int y, int w, int h) {
		byte[][] out = new byte[3][w * h];
		for (int c = 0; c < 3; c++) {
			for (int r = 0; r < h; r++) {
				System.arraycopy(planes[c], (y + r) * width + x, out[c], r * w, w);
			}
		}
		return new RgbImage(w, h, out);
	}

	/** @return the mirror image (left and right swapped) */
	public RgbImage flipped() {
		byte[][] out = new byte[3][width * height];
		for (int c = 0; c < 3; c++) {
			for (int r = 0; r < height; r++) {
				for (int x = 0; x < width; x++) {
					out[c][r * width + x] = planes[c][r * width + width - 1 - x];
				}
			}
		}
		return new RgbImage(width, height, out);
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
