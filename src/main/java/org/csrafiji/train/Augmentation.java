package org.csrafiji.train;

import java.util.Random;

/**
 * The CSRA training augmentation: a random horizontal flip (probability 1/2), then a
 * RandomResizedCrop resized to the input size; or, for validation, a plain resize.
 *
 * @param size input side
 * @param crop the crop distribution, or null for no cropping
 * @param flip whether to flip at random
 */
public record Augmentation(int size, RandomResizedCrop crop, boolean flip) {

	/**
	 * @param size input side
	 * @return the official training augmentation
	 */
	public static Augmentation training(int size) {
		return new Augmentation(size, RandomResizedCrop.CSRA, true);
	}

	/**
	 * @param size input side
	 * @return a resize only (validation, inference)
	 */
	public static Augmentation none(int size) {
		return new Augmentation(size, null, false);
	}

	/**
	 * @param image the image
	 * @param random source of randomness (unused without augmentation)
	 * @return the augmented image, size x size
	 */
	public RgbImage apply(RgbImage image, Random random) {
		RgbImage img = flip && random.nextBoolean() ? image.flipped() : image;
		if (crop != null) {
			RandomResizedCrop.Box b = crop.choose(img.width(), img.height(), random);
			img = img.crop(b.x(), b.y(), b.width(), b.height());
		}
		return img.resized(size, size);
	}
}
