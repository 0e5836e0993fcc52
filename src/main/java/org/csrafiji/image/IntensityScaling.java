package org.csrafiji.image;

/**
 * How 16-bit and 32-bit pixel values are brought onto [0, 1] before resizing. 8-bit and
 * RGB images are always divided by 255, as the official CSRA preprocessing does.
 */
public enum IntensityScaling {

	/**
	 * The image's display range, as set in Image > Adjust > Brightness/Contrast: its minimum
	 * becomes 0, its maximum 1, values beyond are clamped. The model sees what the user sees,
	 * and a whole stack is scaled alike. A composite image uses each channel's own range. A
	 * 32-bit image whose display range is not finite falls back to {@link #SLICE_MIN_MAX}.
	 */
	DISPLAY_RANGE,

	/**
	 * Each plane's own minimum and maximum over the classified area (finite values only),
	 * per slice and per channel: the full contrast of every slice, whatever is displayed.
	 */
	SLICE_MIN_MAX
}
