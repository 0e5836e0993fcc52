package org.csrafiji.train;

import java.awt.Rectangle;

import ij.ImagePlus;
import ij.ImageStack;
import ij.gui.Roi;
import ij.plugin.Duplicator;

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
	 * Flips the image at random, then crops it by the crop distribution (the random draws in that
	 * order, so a seed gives the same batches as before), leaving the resize to the input size to
	 * the caller's
	 * {@link org.csrafiji.image.ImageConverter}, so that training pixels go through the one
	 * conversion of classification and evaluation. The image is not changed.
	 *
	 * @param image the image (all its channels and slices are kept)
	 * @param random source of randomness (unused without augmentation)
	 * @return the image itself without augmentation, else a flipped and cropped copy
	 */
	public ImagePlus apply(ImagePlus image, Random random) {
		boolean mirror = flip && random.nextBoolean();
		int w = image.getWidth();
		RandomResizedCrop.Box b = crop == null ? null : crop.choose(w, image.getHeight(), random);
		if (!mirror && b == null) {
			return image;
		}
		Roi before = image.getRoi();
		ImagePlus out;
		if (b == null) {
			image.deleteRoi();
			out = new Duplicator().run(image);
		}
		else {
			// the box of the flipped image is the mirrored box of the original one
			image.setRoi(new Rectangle(mirror ? w - b.x() - b.width() : b.x(), b.y(), b.width(), b
				.height()));
			out = new Duplicator().run(image);
		}
		image.setRoi(before);
		if (mirror) {
			ImageStack stack = out.getStack();
			for (int i = 1; i <= stack.getSize(); i++) {
				stack.getProcessor(i).flipHorizontal();
			}
		}
		return out;
	}
}
