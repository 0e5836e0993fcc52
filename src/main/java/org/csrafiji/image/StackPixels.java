package org.csrafiji.image;

import ij.ImagePlus;
import ij.ImageStack;
import ij.process.ImageProcessor;

import org.csrafiji.core.ImageInputException;

/**
 * Reads one plane's pixel array from an image without changing it: no slice change, no
 * display update. A virtual stack's plane is read from disk on its own (the displayed plane
 * comes from memory, edits included).
 */
final class StackPixels {

	private StackPixels() {}

	/**
	 * @param imp the image
	 * @param channel 1-based channel
	 * @param slice 1-based z
	 * @param frame 1-based t
	 * @return the plane's pixel array as ImageJ holds it (byte[], short[], float[] or int[]);
	 *         not a copy: never write to it
	 */
	static Object read(ImagePlus imp, int channel, int slice, int frame) {
		Object pixels;
		if (imp.getStackSize() == 1) {
			pixels = processorPixels(imp);
		}
		else {
			int index = imp.getStackIndex(channel, slice, frame);
			ImageStack stack = imp.getImageStack();
			if (!stack.isVirtual()) {
				pixels = stack.getPixels(index);
			}
			else if (index == imp.getCurrentSlice()) {
				pixels = processorPixels(imp);
			}
			else {
				ImageProcessor ip = stack.getProcessor(index);
				pixels = ip == null ? null : ip.getPixels();
			}
		}
		int expected = imp.getWidth() * imp.getHeight();
		if (pixels == null || java.lang.reflect.Array.getLength(pixels) != expected) {
			throw new ImageInputException("Plane c=" + channel + ", z=" + slice + ", t=" + frame
				+ " of '" + imp.getTitle() + "' could not be read (missing, or not "
				+ imp.getWidth() + " x " + imp.getHeight()
				+ "); check that the stack's files are all there and of one size.");
		}
		return pixels;
	}

	private static Object processorPixels(ImagePlus imp) {
		ImageProcessor ip = imp.getProcessor();
		return ip == null ? null : ip.getPixels();
	}
}
