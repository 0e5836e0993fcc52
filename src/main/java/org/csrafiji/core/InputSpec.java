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

	/** Validates and copies. */
	public InputSpec {
		if (size < 16 || size > 4096) {
			throw new ModelSpecException("Input size " + size
				+ " is out of range; use a size between 16 and 4096 (the published models use 224 or 448).");
		}
		if (mean == null || mean.length != 3 || std == null || std.length != 3) {
			throw new ModelSpecException("mean and std need exactly three values (R, G, B).");
		}
		for (double s : std) {
			if (!(s > 0) || !Double.isFinite(s)) {
				throw new ModelSpecException("std values must be positive and finite; got "
					+ Arrays.toString(std) + ".");
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
