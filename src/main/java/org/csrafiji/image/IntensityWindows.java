package org.csrafiji.image;

import ij.CompositeImage;
import ij.ImagePlus;
import ij.process.LUT;

import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

import org.csrafiji.core.ImageInputException;

/**
 * Chooses the {@link IntensityWindow} of a 16-bit or 32-bit plane: the display range, or
 * the plane's own minimum and maximum over the classified area. Values are raw pixel
 * values: ImageJ keeps display ranges in raw units, so a calibration function (e.g. signed
 * 16-bit, or µm per grey level) changes nothing about what the model sees.
 */
final class IntensityWindows {

	private IntensityWindows() {}

	/**
	 * @param imp the image, for its display ranges and title
	 * @param channel the plane's 1-based channel
	 * @param pixels the plane: byte[] (with percentiles only), short[] or float[]
	 * @param crop the classified area
	 * @param options display range or per-plane minimum and maximum, or percentiles
	 * @param where the plane's position, for messages
	 * @return the window
	 * @throws ImageInputException when a 32-bit plane has no finite value in the area
	 */
	static IntensityWindow of(ImagePlus imp, int channel, Object pixels, Crop crop,
		ConversionOptions options, SlicePosition where)
	{
		if (options.percentiles() != null) {
			IntensityWindow window = PercentileWindows.of(pixels, crop, options.percentiles());
			if (window == null) {
				throw noFinite(imp, channel, where);
			}
			return window;
		}
		IntensityScaling scaling = options.scaling();
		if (pixels instanceof short[] shorts) {
			return scaling == IntensityScaling.DISPLAY_RANGE
				? displayRange(imp, channel)
				: range(shorts, crop);
		}
		float[] floats = (float[]) pixels;
		if (scaling == IntensityScaling.DISPLAY_RANGE) {
			IntensityWindow shown = displayRange(imp, channel);
			boolean usable = Double.isFinite(shown.low()) && Double.isFinite(shown.high())
				&& shown.high() >= shown.low();
			if (usable && hasFinite(floats, crop)) {
				return shown;
			}
		}
		IntensityWindow own = finiteRange(floats, crop);
		if (own == null) {
			throw noFinite(imp, channel, where);
		}
		return own;
	}

	private static ImageInputException noFinite(ImagePlus imp, int channel,
		SlicePosition where)
	{
		return new ImageInputException("Slice z=" + where.slice() + ", t=" + where.frame()
			+ ", channel " + channel + " of '" + imp.getTitle()
			+ "' has no finite value in the classified area (all NaN or infinite), so there"
			+ " is nothing to classify; choose another slice or area, or replace the NaNs"
			+ " (Process > Noise > Remove NaNs).");
	}

	/** A composite image keeps one range per channel; other images one for all. */
	static IntensityWindow displayRange(ImagePlus imp, int channel) {
		if (imp instanceof CompositeImage composite && imp.getNChannels() > 1) {
			LUT lut = composite.getChannelLut(channel);
			if (!(lut.min == 0 && lut.max == 0)) {
				return new IntensityWindow(lut.min, lut.max);
			}
		}
		return new IntensityWindow(imp.getDisplayRangeMin(), imp.getDisplayRangeMax());
	}

	static IntensityWindow range(short[] pixels, Crop crop) {
		double[] range = rangeOverRows(crop, (from, to) -> {
			int min = 65535;
			int max = 0;
			for (int y = from; y < to; y++) {
				int offset = crop.offset(y);
				for (int x = 0; x < crop.width(); x++) {
					int v = pixels[offset + x] & 0xffff;
					min = Math.min(min, v);
					max = Math.max(max, v);
				}
			}
			return new double[]{min, max};
		});
		return new IntensityWindow(range[0], range[1]);
	}

	/** @return the range of the finite values, or null when there are none */
	static IntensityWindow finiteRange(float[] pixels, Crop crop) {
		double[] range = rangeOverRows(crop, (from, to) -> {
			float min = Float.POSITIVE_INFINITY;
			float max = Float.NEGATIVE_INFINITY;
			for (int y = from; y < to; y++) {
				int offset = crop.offset(y);
				for (int x = 0; x < crop.width(); x++) {
					float v = pixels[offset + x];
					if (v >= -Float.MAX_VALUE && v <= Float.MAX_VALUE) {
						min = Math.min(min, v);
						max = Math.max(max, v);
					}
				}
			}
			return new double[]{min, max};
		});
		return range[0] <= range[1] ? new IntensityWindow(range[0], range[1]) : null;
	}

	/** The minimum and maximum of rows {@code from} to {@code to} (exclusive) of a crop. */
	private interface RowsRange {

		double[] of(int from, int to);
	}

	/** Scans a large crop in parallel bands of rows, as the resize does. */
	private static double[] rangeOverRows(Crop crop, RowsRange scan) {
		int rows = crop.height();
		boolean large = (long) crop.width() * rows >= Resampler.PARALLEL_SAMPLES;
		int bands = large ? Math.min(rows, 4 * (ForkJoinPool.getCommonPoolParallelism() + 1)) : 1;
		return IntStream.range(0, bands).parallel().mapToObj(b -> scan.of(rows * b / bands, rows
			* (b + 1) / bands)).reduce((a, b) -> new double[]{Math.min(a[0], b[0]),
				Math.max(
					a[1], b[1])})
			.orElseThrow();
	}

	static boolean hasFinite(float[] pixels, Crop crop) {
		for (int y = 0; y < crop.height(); y++) {
			int offset = crop.offset(y);
			for (int x = 0; x < crop.width(); x++) {
				if (Float.isFinite(pixels[offset + x])) {
					return true;
				}
			}
		}
		return false;
	}
}
