package org.csrafiji.train;

import java.util.Random;

/**
 * torchvision's RandomResizedCrop box choice: up to ten tries of an area fraction drawn
 * uniformly from the scale range and an aspect ratio drawn log-uniformly from the ratio range;
 * when none fits, a centre crop clamped to the ratio range.
 *
 * @param minScale smallest area fraction (0.7 in the CSRA recipe)
 * @param maxScale largest area fraction (1.0)
 * @param minRatio smallest width / height (3/4)
 * @param maxRatio largest width / height (4/3)
 */
public record RandomResizedCrop(double minScale, double maxScale, double minRatio,
	double maxRatio)
{

	/** The CSRA recipe's crop: scale 0.7 to 1.0, ratio 3/4 to 4/3. */
	public static final RandomResizedCrop CSRA = new RandomResizedCrop(0.7, 1.0, 3.0 / 4, 4.0 / 3);

	/**
	 * A crop box.
	 *
	 * @param x left
	 * @param y top
	 * @param width width
	 * @param height height
	 */
	public record Box(int x, int y, int width, int height) {}

	/**
	 * @param width image width
	 * @param height image height
	 * @param random source of randomness
	 * @return the box to crop
	 */
	public Box choose(int width, int height, Random random) {
		double area = (double) width * height;
		double logMin = Math.log(minRatio);
		double logMax = Math.log(maxRatio);
		for (int attempt = 0; attempt < 10; attempt++) {
			double target = area * (minScale + (maxScale - minScale) * random.nextDouble());
			double ratio = Math.exp(logMin + (logMax - logMin) * random.nextDouble());
			int w = (int) Math.round(Math.sqrt(target * ratio));
			int h = (int) Math.round(Math.sqrt(target / ratio));
			if (w > 0 && h > 0 && w <= width && h <= height) {
				return new Box(random.nextInt(width - w + 1), random.nextInt(height - h + 1), w, h);
			}
		}
		double inRatio = (double) width / height;
		int w = width;
		int h = height;
		if (inRatio < minRatio) {
			h = (int) Math.round(w / minRatio);
		}
		else if (inRatio > maxRatio) {
			w = (int) Math.round(h * maxRatio);
		}
		return new Box((width - w) / 2, (height - h) / 2, w, h);
	}
}
