package org.csrafiji.app;

import ij.ImagePlus;

import org.csrafiji.runtime.SlicePrediction;

import java.awt.Rectangle;
import java.util.List;

/**
 * An image and what the model said about it.
 *
 * @param image the image (unchanged)
 * @param region the rectangle that was classified (the selection's bounds or the image)
 * @param slices one prediction per classified slice position, in order
 * @param complete false when the user cancelled before every slice was done
 */
public record ClassifiedImage(ImagePlus image, Rectangle region, List<SlicePrediction> slices,
	boolean complete)
{

	/** Copies the list. */
	public ClassifiedImage {
		region = new Rectangle(region);
		slices = List.copyOf(slices);
	}

	@Override
	public Rectangle region() {
		return new Rectangle(region);
	}
}
