package org.csrafiji.core;

import java.util.Arrays;

/**
 * How an image becomes model input: resized to {@code size x size}, scaled to [0, 1], then
 * {@code (x - mean[c]) / std[c]} per RGB channel.
 *
 * @param size side of the square model input in pixels
 * @param mean per-channel mean on the [0, 1] scale (R, G, B)
 * @param std per-channel standard deviation on the [0, 1] scale (R, G, B)
 * @param channels the image channels (1-based, 0 for blank) the model was trained to see in
 *          R, G and B (spec field {@code "channels"}), or null for the default
 * @param percentiles the low and high percentiles grey channels were normalised between in
 *          training (spec field {@code "percentiles"}), or null for none
 */
public record InputSpec(int size, double[] mean, double[] std, int[] channels,
	double[] percentiles)
{

	/**
	 * An input without recorded channels or percentiles.
	 *
	 * @param size input side
	 * @param mean per-channel mean
	 * @param std per-channel standard deviation
	 */
	public InputSpec(int size, double[] mean, double[] std) {
		this(size, mean, std, null, null);
	}

	/**
	 * The smallest standard deviation accepted. Inputs are divided by it: at 0.001 one
	 * 8-bit grey step (1/255) becomes about 4 units, well inside what trained networks see
	 * without overflowing; published models use 0.2 to 1.
	 */
	public static final double MIN_STD = 1e-3;

	/** Validates and copies. */
	public InputSpec {
		if (size < 16 || size > 4096) {
			throw new ModelSpecException("Input size " + size
				+ " is out of range; use a size between 16 and 4096 (the published models use 224 or 448).");
		}
		if (mean == null || mean.length != 3 || std == null || std.length != 3) {
			throw new ModelSpecException("mean and std need exactly three values (R, G, B).");
		}
		for (double m : mean) {
			if (!Double.isFinite(m)) {
				throw new ModelSpecException("mean values (spec field \"mean\") must be"
					+ " finite numbers; got " + Arrays.toString(mean) + ". Use the training"
					+ " normalisation, e.g. 0.485, 0.456, 0.406 for ImageNet.", Setting.MEAN,
					Arrays.toString(mean), null);
			}
		}
		for (double s : std) {
			if (!(s >= MIN_STD) || !Double.isFinite(s)) {
				throw new ModelSpecException("std values (spec field \"std\") must be"
					+ " finite numbers of at least " + MIN_STD + "; got " + Arrays.toString(std)
					+ ". A smaller one makes one grey step worth thousands and the network"
					+ " overflows; use the training normalisation, e.g. 0.229, 0.224, 0.225.",
					Setting.STD, Arrays.toString(std), null);
			}
		}
		mean = mean.clone();
		std = std.clone();
		if (channels != null) {
			if (channels.length != 3 || Arrays.stream(channels).anyMatch(c -> c < 0) || Arrays
				.stream(channels).allMatch(c -> c == 0))
			{
				throw new ModelSpecException("\"channels\" needs three channel numbers for R, G and"
					+ " B, counted from 1 (0 for blank), not all blank; got " + Arrays.toString(
						channels)
					+ ".");
			}
			channels = channels.clone();
		}
		if (percentiles != null) {
			if (percentiles.length != 2 || !(percentiles[0] >= 0 && percentiles[0] < percentiles[1]
				&& percentiles[1] <= 100))
			{
				throw new ModelSpecException("\"percentiles\" needs two numbers, low and high, with"
					+ " 0 <= low < high <= 100 (e.g. [1, 99.8]); got "
					+ Arrays.toString(percentiles)
					+ ".");
			}
			percentiles = percentiles.clone();
		}
	}

	/**
	 * @param rgb channels for R, G and B, or null
	 * @param lowHigh percentiles, or null
	 * @return this input with those recorded
	 */
	public InputSpec withChannelsAndPercentiles(int[] rgb, double[] lowHigh) {
		return new InputSpec(size, mean, std, rgb, lowHigh);
	}

	/** @return the recorded channels for R, G, B, or null */
	@Override
	public int[] channels() {
		return channels == null ? null : channels.clone();
	}

	/** @return the recorded percentiles {low, high}, or null */
	@Override
	public double[] percentiles() {
		return percentiles == null ? null : percentiles.clone();
	}

	/**
	 * @param size input side
	 * @return [0, 1] input without normalisation (the official ResNet models)
	 */
	public static InputSpec unitRange(int size) {
		return new InputSpec(size, new double[]{0, 0, 0}, new double[]{1, 1, 1});
	}

	@Override
	public double[] mean() {
		return mean.clone();
	}

	@Override
	public double[] std() {
		return std.clone();
	}

	@Override
	public boolean equals(Object o) {
		return o instanceof InputSpec s && s.size == size && Arrays.equals(s.mean, mean)
			&& Arrays.equals(s.std, std) && Arrays.equals(s.channels, channels) && Arrays.equals(
				s.percentiles, percentiles);
	}

	@Override
	public int hashCode() {
		return java.util.Objects.hash(size, Arrays.hashCode(mean), Arrays.hashCode(std), Arrays
			.hashCode(channels), Arrays.hashCode(percentiles));
	}

	@Override
	public String toString() {
		return "InputSpec[size=" + size + ", mean=" + Arrays.toString(mean) + ", std="
			+ Arrays.toString(std) + (channels == null
				? ""
				: ", channels=" + Arrays.toString(
					channels))
			+ (percentiles == null
				? ""
				: ", percentiles=" + Arrays.toString(
					percentiles))
			+ "]";
	}
}
