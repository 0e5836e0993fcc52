package org.csrafiji.image;

import java.util.Arrays;

/**
 * The intensity windows of one position's channels, found once over the whole plane (by
 * {@link ImageConverter#windows}) and then used for every tile of it, so that all tiles of an
 * image are scaled alike and no tile is stretched to its own contrast.
 */
public final class PlaneWindows {

	private final int[] channels;
	private final IntensityWindow[] windows;

	PlaneWindows(int[] channels, IntensityWindow[] windows) {
		this.channels = channels.clone();
		this.windows = windows == null ? null : windows.clone();
	}

	/** @return the windows in the order of the channels read, or null for none (8-bit, RGB) */
	IntensityWindow[] windows(int[] forChannels) {
		if (!Arrays.equals(forChannels, channels)) {
			throw new IllegalArgumentException("These windows are for channels " + Arrays.toString(
				channels) + ", not " + Arrays.toString(forChannels) + ".");
		}
		return windows == null ? null : windows.clone();
	}

	/**
	 * @param channel a 1-based channel read
	 * @return its window {low, high} in raw values, or null when the channel is not windowed
	 */
	public double[] window(int channel) {
		for (int i = 0; i < channels.length; i++) {
			if (channels[i] == channel && windows != null) {
				return new double[]{windows[i].low(), windows[i].high()};
			}
		}
		return null;
	}
}
