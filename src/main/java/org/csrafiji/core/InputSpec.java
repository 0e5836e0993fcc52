package org.csrafiji.core;

import java.util.Arrays;

/**
 * How an image becomes model input: resized to {@code size x size}, scaled to [0, 1], then
 * {@code (x - mean[c]) / std[c]} per RGB channel.
 *
 * @param size side of the square model input in pixels
 * @param mean per-channel mean on the [0, 1] scale (R, G, B)
 * @param std per-channel standard deviation on the [0, 1] scale (R, G, B)
 */
public record InputSpec(int size, double[] mean, double[] std) {

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
	}

	/**
	 * @param size input side
	 * @return [0, 1] input without normalisation (the official ResNet models)
	 */
	public static InputSpec unitRange(int size) {
		return new InputSpec(size, new double[] { 0, 0, 0 }, new double[] { 1, 1, 1 });
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
			&& Arrays.equals(s.std, std);
	}

	@Override
	public int hashCode() {
		return 31 * (31 * size + Arrays.hashCode(mean)) + Arrays.hashCode(std);
	}

	@Override
	public String toString() {
		return "InputSpec[size=" + size + ", mean=" + Arrays.toString(mean) + ", std="
			+ Arrays.toString(std) + "]";
	}
}
