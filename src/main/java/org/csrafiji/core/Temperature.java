package org.csrafiji.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A CSRA head's attention temperature: a positive finite value (softmax attention with
 * {@code softmax(T * s)}) or infinity (max pooling; one-hot attention at the argmax). The
 * official code writes infinity as 99; here it is a distinct value, never a magic number.
 *
 * @param value the temperature, or {@link Double#POSITIVE_INFINITY}
 */
public record Temperature(double value) {

	/** The infinite temperature: max pooling over locations. */
	public static final Temperature INFINITE = new Temperature(Double.POSITIVE_INFINITY);

	/**
	 * The largest finite temperature accepted. The head computes softmax(T s) in float32; with
	 * T up to 1e6, T s overflows (3.4e38) only for |s| above 3e32, far beyond any real score,
	 * while the official models use 1 to 99, and "inf" is the exact limit of large T.
	 */
	public static final double MAX_FINITE = 1e6;

	/** Validates the value. */
	public Temperature {
		if (!(value > 0)) {
			throw new ModelSpecException("Temperature " + value + " is not positive (spec field"
				+ " \"temperatures\"); use a positive number up to " + (long) MAX_FINITE
				+ ", or \"inf\".");
		}
		if (value > MAX_FINITE && value != Double.POSITIVE_INFINITY) {
			throw new ModelSpecException("Temperature " + value + " is too large (spec field"
				+ " \"temperatures\"): T x score overflows float32 in the attention softmax and the"
				+ " scores become NaN; use a number up to " + (long) MAX_FINITE + ", or \"inf\""
				+ " for the max-pooling limit that huge temperatures approach.");
		}
	}

	/** @return true for max pooling */
	public boolean isInfinite() {
		return Double.isInfinite(value);
	}

	/**
	 * The official temperatures for a head count: 1: [1], 2: [1, inf], 4: [1, 2, 4, inf],
	 * 6: [1..5, inf], 8: [1..7, inf].
	 *
	 * @param heads number of heads
	 * @return the temperatures in head order
	 */
	public static List<Temperature> defaultsFor(int heads) {
		List<Temperature> list = new ArrayList<>();
		switch (heads) {
			case 1:
				list.add(new Temperature(1));
				return list;
			case 2:
				list.add(new Temperature(1));
				break;
			case 4:
				list.add(new Temperature(1));
				list.add(new Temperature(2));
				list.add(new Temperature(4));
				break;
			case 6:
			case 8:
				for (int t = 1; t < heads; t++) {
					list.add(new Temperature(t));
				}
				break;
			default:
				throw new ModelSpecException("There are no official temperatures for " + heads
					+ " heads (the official code knows 1, 2, 4, 6 and 8); give the temperatures explicitly.");
		}
		list.add(INFINITE);
		return list;
	}

	/**
	 * @param text a number, or inf / infinity / 99-free spelling of infinity
	 * @return the temperature
	 */
	public static Temperature parse(String text) {
		String t = text.strip().toLowerCase(Locale.ROOT);
		if (t.equals("inf") || t.equals("infinity") || t.equals("+inf")) {
			return INFINITE;
		}
		double v;
		try {
			v = Double.parseDouble(t);
		}
		catch (NumberFormatException e) {
			throw new ModelSpecException("Temperature '" + text
				+ "' is not a number; write a positive number or \"inf\".");
		}
		if (Double.isInfinite(v)) {
			throw new ModelSpecException("Temperature '" + text + "' is too large for a number"
				+ " (spec field \"temperatures\"); write \"inf\" for an infinite temperature.");
		}
		return new Temperature(v);
	}

	@Override
	public String toString() {
		return isInfinite()
			? "inf"
			: (value == Math.rint(value)
				? String.valueOf((long) value)
				: String.valueOf(value));
	}
}
