package org.csrafiji.image;

import java.util.Arrays;
import java.util.Objects;

/**
 * How an ImageJ image becomes model input.
 *
 * @param scaling how 16-bit and 32-bit values map onto [0, 1]
 * @param rgbChannels which image channel (1-based) feeds R, G and B, 0 for a blank (zero)
 *          channel; {@code null} for the default: one channel is replicated to R, G and B;
 *          two channels give R = 1, G = 2, B blank (as ImageJ shows two channels in red and
 *          green); three or more give R = 1, G = 2, B = 3. Not used for RGB images, whose own
 *          red, green and blue are taken.
 * @param allSlices every z and t position, or only the current one
 * @param useSelection classify the bounding box of the image's area selection, if it has
 *          one, instead of the whole image
 * @param minimumSide the smallest width and height accepted
 * @param percentiles when set, grey channels (8-, 16- and 32-bit) are mapped onto [0, 1]
 *          between these percentiles of the classified area instead of by {@code scaling}
 *          (8-bit ones included, which are otherwise divided by 255); RGB and indexed-colour
 *          images keep their colours. Null for none.
 * @param selectionFit how a selection's bounding box becomes the square input: stretched
 *          (the default) or with its aspect ratio kept and padded. A whole image is always
 *          stretched, as in the paper.
 */
public record ConversionOptions(IntensityScaling scaling, int[] rgbChannels,
	boolean allSlices, boolean useSelection, int minimumSide, Percentiles percentiles,
	Fit selectionFit)
{

	/**
	 * The smallest width and height accepted by default: smaller images carry no usable
	 * detail once resized, and are most likely a mistake (a 1 x 1 image, a stray selection).
	 */
	public static final int DEFAULT_MINIMUM_SIDE = 8;

	/**
	 * Options with the default minimum side.
	 *
	 * @param scaling how 16- and 32-bit values map onto [0, 1]
	 * @param rgbChannels channels for R, G, B, or null for the default
	 * @param allSlices every z and t position, or only the current one
	 * @param useSelection classify an area selection's bounding box
	 */
	public ConversionOptions(IntensityScaling scaling, int[] rgbChannels, boolean allSlices,
		boolean useSelection)
	{
		this(scaling, rgbChannels, allSlices, useSelection, DEFAULT_MINIMUM_SIDE);
	}

	/**
	 * Options without percentiles, selections stretched.
	 *
	 * @param scaling how 16- and 32-bit values map onto [0, 1]
	 * @param rgbChannels channels for R, G, B, or null for the default
	 * @param allSlices every z and t position, or only the current one
	 * @param useSelection classify an area selection's bounding box
	 * @param minimumSide the smallest width and height accepted
	 */
	public ConversionOptions(IntensityScaling scaling, int[] rgbChannels, boolean allSlices,
		boolean useSelection, int minimumSide)
	{
		this(scaling, rgbChannels, allSlices, useSelection, minimumSide, null, Fit.STRETCH);
	}

	/** Checks and copies. */
	public ConversionOptions {
		Objects.requireNonNull(scaling, "scaling");
		Objects.requireNonNull(selectionFit, "selectionFit");
		if (minimumSide < 1) {
			throw new IllegalArgumentException("minimumSide must be at least 1; got " + minimumSide
				+ ".");
		}
		if (rgbChannels != null) {
			if (rgbChannels.length != 3) {
				throw new IllegalArgumentException("rgbChannels needs three entries (R, G, B); got "
					+ Arrays.toString(rgbChannels) + ".");
			}
			if (Arrays.stream(rgbChannels).anyMatch(c -> c < 0)) {
				throw new IllegalArgumentException(
					"Channels count from 1 (0 for a blank channel); got " + Arrays.toString(
						rgbChannels) + ".");
			}
			if (Arrays.stream(rgbChannels).allMatch(c -> c == 0)) {
				throw new IllegalArgumentException(
					"rgbChannels leaves R, G and B all blank; name at least one image channel.");
			}
			rgbChannels = rgbChannels.clone();
		}
	}

	/**
	 * @return display-range scaling, default channels, the current slice only, and the
	 *         selection used when there is one (as ImageJ commands act on the selection)
	 */
	public static ConversionOptions defaults() {
		return new ConversionOptions(IntensityScaling.DISPLAY_RANGE, null, false, true);
	}

	/** @param s the scaling @return a copy with it */
	public ConversionOptions withScaling(IntensityScaling s) {
		return new ConversionOptions(s, rgbChannels, allSlices, useSelection, minimumSide,
			percentiles,
			selectionFit);
	}

	/** @param channels R, G, B sources, or null for the default @return a copy with them */
	public ConversionOptions withRgbChannels(int... channels) {
		return new ConversionOptions(scaling, channels, allSlices, useSelection, minimumSide,
			percentiles,
			selectionFit);
	}

	/** @param all every slice or the current one @return a copy with it */
	public ConversionOptions withAllSlices(boolean all) {
		return new ConversionOptions(scaling, rgbChannels, all, useSelection, minimumSide,
			percentiles,
			selectionFit);
	}

	/** @param use whether to use the selection @return a copy with it */
	public ConversionOptions withUseSelection(boolean use) {
		return new ConversionOptions(scaling, rgbChannels, allSlices, use, minimumSide, percentiles,
			selectionFit);
	}

	/**
	 * @param side the smallest width and height to accept, in pixels (1 accepts anything, as
	 *          the official dataset pipelines do for small crops such as WIDER persons)
	 * @return these options with another minimum
	 */
	public ConversionOptions withMinimumSide(int side) {
		return new ConversionOptions(scaling, rgbChannels, allSlices, useSelection, side,
			percentiles,
			selectionFit);
	}

	/** @param p percentiles for grey channels, or null for none @return a copy with them */
	public ConversionOptions withPercentiles(Percentiles p) {
		return new ConversionOptions(scaling, rgbChannels, allSlices, useSelection, minimumSide, p,
			selectionFit);
	}

	/** @param fit how a selection becomes the square input @return a copy with it */
	public ConversionOptions withSelectionFit(Fit fit) {
		return new ConversionOptions(scaling, rgbChannels, allSlices, useSelection, minimumSide,
			percentiles, fit);
	}

	/**
	 * The options a model expects: where these options leave channels or percentiles unset,
	 * those recorded in the model's input specification (what it was trained on) are taken.
	 *
	 * @param spec the model's input specification
	 * @return these options completed from it
	 */
	public ConversionOptions completedFrom(org.csrafiji.core.InputSpec spec) {
		int[] channels = rgbChannels != null ? rgbChannels : spec.channels();
		double[] p = spec.percentiles();
		Percentiles pct = percentiles != null
			? percentiles
			: p == null
				? null
				: new Percentiles(p[0], p[1]);
		return new ConversionOptions(scaling, channels, allSlices, useSelection, minimumSide, pct,
			selectionFit);
	}

	@Override
	public int[] rgbChannels() {
		return rgbChannels == null ? null : rgbChannels.clone();
	}

	@Override
	public boolean equals(Object o) {
		return o instanceof ConversionOptions c && c.scaling == scaling && Arrays.equals(
			c.rgbChannels, rgbChannels) && c.allSlices == allSlices
			&& c.useSelection == useSelection && c.minimumSide == minimumSide && Objects.equals(
				c.percentiles, percentiles)
			&& c.selectionFit == selectionFit;
	}

	@Override
	public int hashCode() {
		return Objects.hash(scaling, Arrays.hashCode(rgbChannels), allSlices, useSelection,
			minimumSide, percentiles, selectionFit);
	}

	@Override
	public String toString() {
		return "ConversionOptions[scaling=" + scaling + ", rgbChannels=" + (rgbChannels == null
			? "default"
			: Arrays.toString(rgbChannels)) + ", allSlices=" + allSlices
			+ ", useSelection=" + useSelection + ", minimumSide=" + minimumSide + ", percentiles="
			+ (percentiles == null ? "none" : percentiles.text()) + ", selectionFit="
			+ selectionFit + "]";
	}
}
