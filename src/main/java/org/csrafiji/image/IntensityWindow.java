package org.csrafiji.image;

/**
 * The linear map of raw 16-bit or 32-bit values onto [0, 1]: {@code low} to 0, {@code high}
 * to 1, values outside clamped. Non-finite values follow one rule everywhere: NaN and
 * -Infinity become 0 (the low end), +Infinity becomes 1 (the high end). A degenerate
 * window ({@code high <= low}, e.g. a constant image) sends values above {@code low} to 1
 * and the rest to 0.
 *
 * @param low the raw value that becomes 0
 * @param high the raw value that becomes 1
 */
record IntensityWindow(double low, double high) {

	/** @return {@code low} as the float the per-pixel loops subtract */
	float offset() {
		return (float) low;
	}

	/** @return the factor the per-pixel loops multiply by; infinite when degenerate */
	float scale() {
		return high > low ? (float) (1.0 / (high - low)) : Float.POSITIVE_INFINITY;
	}

	/**
	 * @param v a value already offset and scaled
	 * @return {@code v} clamped to [0, 1], NaN as 0
	 */
	static float clamp(float v) {
		return v >= 0f ? (v <= 1f ? v : 1f) : 0f;
	}
}
