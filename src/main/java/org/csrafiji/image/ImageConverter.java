package org.csrafiji.image;

import ij.ImagePlus;

import java.awt.Rectangle;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.csrafiji.core.ImageInputException;
import org.csrafiji.core.InputSpec;

/**
 * Turns ImageJ images into CSRA model input: the official preprocessing (RGB, resize to
 * size x size ignoring the aspect ratio with Pillow's antialiasing BILINEAR filter, scale to
 * [0, 1], then {@code (x - mean) / std} per channel), as float CHW data, row-major.
 *
 * <ul>
 * <li>8-bit and RGB images: raw values / 255 (the display range is not applied), resized in
 * 8 bits exactly as Pillow does, so results equal the official Python pipeline's on the same
 * pixels. An indexed-colour image (a paletted PNG or GIF, or an 8-bit image with a colour
 * LUT) is read through its palette: it is classified from its colours, with the same scores
 * as its RGB copy. Grey LUTs, inverted ones included, are not applied.</li>
 * <li>16-bit and 32-bit images: raw values mapped onto [0, 1] by the display range or by
 * each plane's minimum and maximum ({@link IntensityScaling}), clamped, then resized in
 * floating point (no 8-bit rounding: the official pipeline has no 16-bit path to copy, as
 * Pillow would clip such a file at 255 on its way to RGB). In 32-bit data NaN and -Infinity
 * become 0 (the low end), +Infinity 1 (the high end), and minima and maxima are taken over
 * finite values only. Calibration functions are not applied: ImageJ keeps display ranges in
 * raw units, and the raw values are what the display shows (with per-plane minimum and
 * maximum, any increasing linear calibration would give the same result anyway).</li>
 * <li>Grey images are replicated to R, G and B; multi-channel images feed R, G and B from
 * the channels chosen in {@link ConversionOptions#rgbChannels()}.</li>
 * <li>Stacks and hyperstacks: the current z and t, or all of them
 * ({@link #positions(ImagePlus)}); virtual stacks are read one plane at a time.</li>
 * <li>With {@link ConversionOptions#useSelection()}, the bounding box of an area selection
 * is classified (line and point selections are ignored).</li>
 * </ul>
 * The image is only read: its pixels, display ranges, position and selection stay as they
 * were. Pixels are read row by row into the resize, never copied at full size. An
 * instance holds no per-call state and may be used from several threads (a virtual stack
 * reads its files through ImageJ's opener, so convert one of its positions at a time).
 */
public final class ImageConverter {

	private final InputSpec spec;
	private final ConversionOptions options;
	private final ChwWriter writer;

	/**
	 * @param spec input size, mean and standard deviation, and the channels and percentiles
	 *          the model was trained with, used where the options name none
	 * @param options scaling, channels, percentiles, slices and selection
	 */
	public ImageConverter(InputSpec spec, ConversionOptions options) {
		this.spec = Objects.requireNonNull(spec, "spec");
		this.options = Objects.requireNonNull(options, "options").completedFrom(spec);
		writer = new ChwWriter(spec);
	}

	/** @return the input specification */
	public InputSpec spec() {
		return spec;
	}

	/** @return the conversion options */
	public ConversionOptions options() {
		return options;
	}

	/**
	 * The positions to classify: the current one, or with
	 * {@link ConversionOptions#allSlices()} every (z, t), z fastest. Channels are combined into
	 * R, G and B, so each position carries the image's current channel.
	 *
	 * @param imp the image
	 * @return the positions, in order
	 */
	public List<SlicePosition> positions(ImagePlus imp) {
		Objects.requireNonNull(imp, "imp");
		// the current stack index is authoritative: getZ() lags behind setSlice() on a plain
		// stack whose dimensions ImageJ has not looked at yet
		int[] current = imp.convertIndexToPosition(imp.getCurrentSlice());
		int channel = current[0];
		if (!options.allSlices()) {
			return List.of(new SlicePosition(channel, current[1], current[2]));
		}
		List<SlicePosition> out = new ArrayList<>(imp.getNSlices() * imp.getNFrames());
		for (int t = 1; t <= imp.getNFrames(); t++) {
			for (int z = 1; z <= imp.getNSlices(); z++) {
				out.add(new SlicePosition(channel, z, t));
			}
		}
		return List.copyOf(out);
	}

	/**
	 * @param imp the image
	 * @param pos the position to convert
	 * @return the normalised input, 3 x size x size, CHW row-major
	 * @throws ImageInputException when the image cannot be classified (too small, no finite
	 *           values, a channel or position it does not have)
	 */
	public float[] toChw(ImagePlus imp, SlicePosition pos) {
		float[] out = new float[writer.length()];
		toChw(imp, pos, FloatBuffer.wrap(out));
		return out;
	}

	/**
	 * Writes the normalised input, 3 x size x size floats, CHW row-major, at the buffer's
	 * position, and advances the position past them (as a relative bulk put does), so that
	 * successive calls fill a batch. Works on heap and direct buffers alike.
	 *
	 * @param imp the image
	 * @param pos the position to convert
	 * @param dst where to write
	 * @throws ImageInputException when the image cannot be classified
	 * @throws IllegalArgumentException when {@code dst} has fewer than 3 x size x size floats
	 *           remaining
	 */
	public void toChw(ImagePlus imp, SlicePosition pos, FloatBuffer dst) {
		Objects.requireNonNull(pos, "pos");
		if (dst.remaining() < writer.length()) {
			throw new IllegalArgumentException("The buffer has " + dst.remaining()
				+ " floats left but one " + spec.size() + " x " + spec.size() + " image needs "
				+ writer.length() + ".");
		}
		Rectangle region = region(imp);
		boolean whole = region.width == imp.getWidth() && region.height == imp.getHeight();
		write(imp, pos, region, whole ? Fit.STRETCH : options.selectionFit(), null, null, dst);
	}

	/**
	 * Writes the normalised input of one rectangle of a plane (a tile, an object's crop) at
	 * the buffer's position and advances the position past it. Only the rectangle's rows are
	 * read; the selection and the minimum side of the options are not consulted.
	 *
	 * @param imp the image
	 * @param pos the position
	 * @param region the rectangle, inside the image
	 * @param fit stretched to the square input, or with its aspect ratio kept and padded
	 * @param windows intensity windows from {@link #windows}, or null to find them over the
	 *          rectangle (per-tile percentiles or minimum and maximum)
	 * @param mask the object to show alone, its surroundings replaced by their mean; or null
	 *          to read the rectangle as it is
	 * @param dst where to write; needs 3 x size x size floats remaining
	 * @throws ImageInputException when the rectangle is not inside the image, or the image
	 *           cannot be classified
	 */
	public void toChw(ImagePlus imp, SlicePosition pos, Rectangle region, Fit fit,
		PlaneWindows windows, ImageMask mask, FloatBuffer dst)
	{
		Objects.requireNonNull(pos, "pos");
		if (dst.remaining() < writer.length()) {
			throw new IllegalArgumentException("The buffer has " + dst.remaining()
				+ " floats left but one image needs " + writer.length() + ".");
		}
		if (region.isEmpty() || !new Rectangle(0, 0, imp.getWidth(), imp.getHeight()).contains(
			region))
		{
			throw new ImageInputException("Rectangle " + region.x + "," + region.y + " "
				+ region.width + " x " + region.height + " is not inside '" + imp.getTitle()
				+ "' (" + imp.getWidth() + " x " + imp.getHeight() + "); choose one inside it.");
		}
		write(imp, pos, region, Objects.requireNonNull(fit, "fit"), windows, mask, dst);
	}

	/**
	 * The intensity windows of a position's channels over the whole plane: the display range,
	 * the plane's minimum and maximum, or its percentiles, as the options say. Reading tiles
	 * with them scales every tile as the whole image.
	 *
	 * @param imp the image
	 * @param pos the position
	 * @return the windows (none for 8-bit data without percentiles, and for RGB)
	 */
	public PlaneWindows windows(ImagePlus imp, SlicePosition pos) {
		checkPosition(imp, pos);
		ChannelMap map = ChannelMap.resolve(imp, options.rgbChannels(), pos);
		int[] channels = map.channels();
		Object[] pixels = pixels(imp, pos, channels);
		boolean grey = imp.getType() != ImagePlus.COLOR_RGB && IndexedColour.palette(imp) == null;
		if (!grey || (pixels[0] instanceof byte[] && options.percentiles() == null)) {
			return new PlaneWindows(channels, null);
		}
		Crop all = Crop.whole(imp.getWidth(), imp.getHeight());
		IntensityWindow[] w = new IntensityWindow[channels.length];
		for (int i = 0; i < channels.length; i++) {
			w[i] = IntensityWindows.of(imp, channels[i], pixels[i], all, options, pos);
		}
		return new PlaneWindows(channels, w);
	}

	private void write(ImagePlus imp, SlicePosition pos, Rectangle region, Fit fit,
		PlaneWindows windows, ImageMask mask, FloatBuffer dst)
	{
		checkPosition(imp, pos);
		ChannelMap map = ChannelMap.resolve(imp, options.rgbChannels(), pos);
		int[] channels = map.channels();
		Object[] pixels = pixels(imp, pos, channels);
		Placement placement = Placement.of(fit, region.width, region.height, spec.size());
		ResizedPlanes planes = PlaneResizer.resize(imp, channels, pixels, Crop.of(imp
			.getWidth(), region), placement.width(), placement.height(), options, windows == null
				? null
				: windows.windows(channels),
			mask, pos);
		writer.write(planes, map.planeOf(), placement, dst);
	}

	private static Object[] pixels(ImagePlus imp, SlicePosition pos, int[] channels) {
		Object[] pixels = new Object[channels.length];
		for (int i = 0; i < channels.length; i++) {
			pixels[i] = StackPixels.read(imp, channels[i], pos.slice(), pos.frame());
		}
		return pixels;
	}

	/**
	 * @param imp the image
	 * @return the area classified: the bounding box of the area selection, clipped to the
	 *         image, when {@link ConversionOptions#useSelection()} and there is one; else the
	 *         whole image
	 * @throws ImageInputException when that area is under 8 pixels on a side, or empty
	 */
	public Rectangle region(ImagePlus imp) {
		Objects.requireNonNull(imp, "imp");
		if (imp.getProcessor() == null) {
			throw new ImageInputException("Image '" + imp.getTitle()
				+ "' holds no pixels (was it closed?); open it again.");
		}
		return ImageRegion.of(imp, options.useSelection(), options.minimumSide());
	}

	private static void checkPosition(ImagePlus imp, SlicePosition pos) {
		if (pos.channel() > imp.getNChannels() || pos.slice() > imp.getNSlices() || pos
			.frame() > imp.getNFrames())
		{
			throw new ImageInputException("Position " + pos + " is outside '" + imp.getTitle()
				+ "', which has " + imp.getNChannels() + " channel(s), " + imp.getNSlices()
				+ " slice(s) and " + imp.getNFrames() + " frame(s); choose a position inside it.");
		}
	}
}
