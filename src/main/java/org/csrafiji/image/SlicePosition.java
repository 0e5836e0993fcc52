package org.csrafiji.image;

/**
 * One position in an ImageJ (hyper)stack, 1-based as ImageJ counts.
 *
 * @param channel the channel; used only where channels are not combined into R, G and B
 *          (an RGB image with a channel axis); otherwise it records the image's current
 *          channel
 * @param slice the z position
 * @param frame the time point
 */
public record SlicePosition(int channel, int slice, int frame) {

	/** Checks that every coordinate is at least 1. */
	public SlicePosition {
		if (channel < 1 || slice < 1 || frame < 1) {
			throw new IllegalArgumentException("Positions count from 1, as ImageJ does; got c="
				+ channel + ", z=" + slice + ", t=" + frame + ".");
		}
	}

	@Override
	public String toString() {
		return "c=" + channel + ", z=" + slice + ", t=" + frame;
	}
}
