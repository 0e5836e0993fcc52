package org.csrafiji.image;

import ij.ImagePlus;

import org.csrafiji.core.ImageInputException;

/**
 * Picks the resize path for the pixel type of the planes read: Pillow's exact 8-bit path
 * for 8-bit, RGB and indexed-colour data (looked up in the palette first), the floating-point path, after the intensity window, for 16-bit
 * and 32-bit data.
 */
final class PlaneResizer {

	private PlaneResizer() {}

	/**
	 * @param imp the image the planes come from (display ranges, title)
	 * @param channels the 1-based channel of each plane
	 * @param pixels the planes' pixel arrays, all of one type
	 * @param crop the classified area
	 * @param width the width of the result
	 * @param height the height of the result
	 * @param options scaling and percentiles
	 * @param fixed the intensity window of each plane, or null to find them over the crop
	 * @param mask the object whose surroundings are replaced by their mean, or null
	 * @param where the position, for messages
	 * @return the resized planes: one per array, or three (R, G, B) for an RGB or
	 *         indexed-colour array
	 */
	static ResizedPlanes resize(ImagePlus imp, int[] channels, Object[] pixels, Crop crop,
		int width, int height, ConversionOptions options, IntensityWindow[] fixed,
		ImageMask mask, SlicePosition where)
	{
		Class<?> type = pixels[0].getClass();
		for (Object plane : pixels) {
			if (plane.getClass() != type) {
				throw new ImageInputException("The channels of '" + imp.getTitle()
					+ "' hold different pixel types; convert the image to one type"
					+ " (Image > Type) before classifying it.");
			}
		}
		int area = width * height;
		int n = pixels.length;
		if (pixels[0] instanceof int[] rgb) {
			byte[][] out = new byte[3][area];
			Resampler.resize(masked(new RgbRows(rgb, crop), crop, mask), width, height, out);
			return new ResizedPlanes(out, null);
		}
		int[] palette = IndexedColour.palette(imp);
		if (palette != null && pixels[0] instanceof byte[] indices) {
			byte[][] out = new byte[3][area];
			Resampler.resize(masked(new PaletteRows(indices, palette, crop), crop, mask), width,
				height, out);
			return new ResizedPlanes(out, null);
		}
		boolean windowed = fixed != null || options.percentiles() != null;
		if (pixels[0] instanceof byte[] && !windowed) {
			byte[][] out = new byte[n][area];
			Resampler.resize(masked(new ByteRows(cast(pixels, new byte[n][]), crop), crop, mask),
				width, height, out);
			return new ResizedPlanes(out, null);
		}
		IntensityWindow[] windows = fixed != null ? fixed : new IntensityWindow[n];
		for (int p = 0; fixed == null && p < n; p++) {
			windows[p] = IntensityWindows.of(imp, channels[p], pixels[p], crop, options, where);
		}
		FloatRows rows;
		if (pixels[0] instanceof byte[]) {
			rows = new ByteWindowRows(cast(pixels, new byte[n][]), windows, crop);
		}
		else if (pixels[0] instanceof short[]) {
			rows = new ShortRows(cast(pixels, new short[n][]), windows, crop);
		}
		else {
			rows = new FloatWindowRows(cast(pixels, new float[n][]), windows, crop);
		}
		float[][] out = new float[n][area];
		Resampler.resize(mask == null ? rows : MaskedRows.of(rows, crop, mask), width, height, out);
		return new ResizedPlanes(null, out);
	}

	private static Uint8Rows masked(Uint8Rows rows, Crop crop, ImageMask mask) {
		return mask == null ? rows : MaskedRows.of(rows, crop, mask);
	}

	private static <T> T[] cast(Object[] pixels, T[] typed) {
		System.arraycopy(pixels, 0, typed, 0, pixels.length);
		return typed;
	}
}
