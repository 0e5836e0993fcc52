package org.csrafiji.fiji;

import ij.ImagePlus;

import org.csrafiji.app.tiles.Progress;
import org.csrafiji.core.CsraException;
import org.csrafiji.image.Channels;
import org.csrafiji.image.ConversionOptions;
import org.csrafiji.image.Percentiles;
import org.csrafiji.image.SlicePosition;

/**
 * What Tile Classify and Classify ROIs share: the channel and percentile choices on top of the
 * common settings, the image's current plane, and the run's feedback as the application
 * layer's {@link Progress}.
 */
final class RegionInputs {

	private RegionInputs() {}

	/**
	 * @param settings the common settings (scaling)
	 * @param channels empty, one channel ("2") or three ("2,1,0"), 1-based, 0 blank
	 * @param percentiles empty, or "low,high" (e.g. "1,99.8")
	 * @return the conversion: one plane, no selection, the chosen channels and percentiles
	 */
	static ConversionOptions conversion(ClassifySettings settings, String channels,
		String percentiles)
	{
		if (settings.conversion().allSlices()) {
			throw new CsraException("all_slices=true is not supported here: the current plane is"
				+ " classified; choose the plane (Image > Stacks) and run with all_slices=false.");
		}
		ConversionOptions c = settings.conversion().withUseSelection(false);
		try {
			if (channels != null && !channels.isBlank()) {
				c = c.withRgbChannels(Channels.parse(channels.strip()));
			}
			if (percentiles != null && !percentiles.isBlank()) {
				c = c.withPercentiles(Percentiles.parse(percentiles.strip()));
			}
		}
		catch (IllegalArgumentException e) {
			throw new CsraException(e.getMessage(), e);
		}
		return c;
	}

	/**
	 * @param imp an image
	 * @return its current channel, slice and frame
	 */
	static SlicePosition current(ImagePlus imp) {
		int[] at = imp.convertIndexToPosition(imp.getCurrentSlice());
		return new SlicePosition(at[0], at[1], at[2]);
	}

	/**
	 * @param feedback the run's feedback
	 * @param what what is counted, e.g. "tiles"
	 * @return progress on the status bar and the progress sink, cancelled with the run
	 */
	static Progress progress(Feedback feedback, String what) {
		return new Progress() {

			@Override
			public void update(long done, long total) {
				feedback.progress((int) done, (int) total,
					"CSRA: " + done + "/" + total + " " + what);
			}

			@Override
			public boolean cancelled() {
				return feedback.isCancelled();
			}
		};
	}
}
