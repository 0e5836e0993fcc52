package org.csrafiji.image;

import java.util.Locale;

/**
 * Percentile normalisation of grey channels: the {@code low}-th percentile of a plane becomes
 * 0, the {@code high}-th 1, values beyond are clamped (StarDist and CSBDeep use 1 and 99.8).
 * Percentiles follow NumPy's default definition: the value at rank
 * {@code q / 100 * (n - 1)} of the sorted samples, interpolated linearly between the two
 * neighbouring samples. NaN and infinite values are left out.
 *
 * @param low the percentile mapped to 0, in [0, 100)
 * @param high the percentile mapped to 1, in (low, 100]
 */
public record Percentiles(double low, double high) {

	/** StarDist's usual choice, 1 and 99.8. */
	public static final Percentiles STARDIST = new Percentiles(1, 99.8);

	/** Checks the range. */
	public Percentiles {
		if (!(low >= 0 && low < high && high <= 100)) {
			throw new IllegalArgumentException("Percentiles need 0 <= low < high <= 100; got "
				+ low + " and " + high + ". Use e.g. 1,99.8.");
		}
	}

	/**
	 * @param text two numbers separated by a comma, e.g. {@code "1,99.8"}
	 * @return the percentiles
	 * @throws IllegalArgumentException when the text is not two numbers in order
	 */
	public static Percentiles parse(String text) {
		String[] parts = text.split(",");
		if (parts.length != 2) {
			throw new IllegalArgumentException("Percentiles are two numbers, low and high,"
				+ " separated by a comma (e.g. 1,99.8), not '" + text + "'.");
		}
		try {
			return new Percentiles(Double.parseDouble(parts[0].strip()), Double.parseDouble(parts[1]
				.strip()));
		}
		catch (NumberFormatException e) {
			throw new IllegalArgumentException("Percentiles are two numbers, low and high,"
				+ " separated by a comma (e.g. 1,99.8), not '" + text + "'.");
		}
	}

	/** @return the form {@link #parse} reads, e.g. {@code "1,99.8"} */
	public String text() {
		return format(low) + "," + format(high);
	}

	private static String format(double v) {
		return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%s", v);
	}

	/** @return the pair as an array {low, high} (the model spec's form) */
	public double[] toArray() {
		return new double[]{low, high};
	}
}
