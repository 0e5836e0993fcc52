package org.csrafiji.image;

import ij.ImagePlus;

import java.util.Arrays;

import org.csrafiji.core.ImageInputException;

/**
 * Which image channels are read and which of them feeds R, G and B.
 *
 * @param channels the 1-based image channels to read, each once
 * @param planeOf for R, G and B: the index of the resized plane that feeds it, or -1 for
 *          a blank channel. For an RGB or indexed-colour image the planes are its red,
 *          green and blue.
 */
record ChannelMap(int[] channels, int[] planeOf) {

	/**
	 * @param imp the image
	 * @param requested R, G, B sources as in {@link ConversionOptions#rgbChannels()}, or null
	 * @param position the position asked for; its channel is read for an RGB image
	 * @return the channels to read
	 * @throws ImageInputException when a requested channel is not in the image
	 */
	static ChannelMap resolve(ImagePlus imp, int[] requested, SlicePosition position) {
		if (imp.getType() == ImagePlus.COLOR_RGB || IndexedColour.palette(imp) != null) {
			return new ChannelMap(new int[]{position.channel()}, new int[]{0, 1, 2});
		}
		int available = imp.getNChannels();
		int[] sources = requested != null ? requested : defaults(available);
		String[] names = {"R", "G", "B"};
		for (int i = 0; i < 3; i++) {
			if (sources[i] > available) {
				throw new ImageInputException("Channel " + sources[i] + " was chosen for "
					+ names[i] + ", but '" + imp.getTitle() + "' has " + available
					+ " channel(s); choose channels 1 to " + available
					+ ", or 0 for a blank channel.");
			}
		}
		int[] channels = Arrays.stream(sources).filter(c -> c > 0).distinct().toArray();
		int[] planeOf = new int[3];
		for (int i = 0; i < 3; i++) {
			planeOf[i] = indexOf(channels, sources[i]);
		}
		return new ChannelMap(channels, planeOf);
	}

	/** One channel: grey to all three; two: R, G and a blank B; more: the first three. */
	static int[] defaults(int available) {
		return switch (available) {
			case 1 -> new int[]{1, 1, 1};
			case 2 -> new int[]{1, 2, 0};
			default -> new int[]{1, 2, 3};
		};
	}

	private static int indexOf(int[] channels, int channel) {
		for (int i = 0; i < channels.length; i++) {
			if (channels[i] == channel) {
				return i;
			}
		}
		return -1;
	}
}
