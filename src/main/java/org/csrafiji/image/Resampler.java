package org.csrafiji.image;

import java.util.Arrays;
import java.util.concurrent.ForkJoinPool;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * Resizes images as Pillow's {@code Image.resize(size, Image.BILINEAR)} does: separable,
 * a triangle filter whose support is scaled by the reduction factor when shrinking (so it
 * antialiases), taps normalised per output sample, the aspect ratio not kept. 8-bit data goes
 * through Pillow's own fixed-point arithmetic and rounding (horizontal pass first, rounded to
 * 8 bits in between), so results equal Pillow's bit for bit; floating-point data matches
 * Pillow's 'F' mode to float rounding.
 *
 * <p>Sources are read row by row through {@link FloatRows} or {@link Uint8Rows}, and only
 * a few rows are held at a time, so a 20000 x 20000 image is resized without a full-size
 * copy. Filter taps are computed once per (source size, target size) and cached. Large
 * images are split into bands of output rows that run in parallel on the common
 * fork-join pool.
 */
public final class Resampler {

	/** Source samples (all planes) from which a resize runs in parallel bands. */
	static final long PARALLEL_SAMPLES = 1L << 18;

	private Resampler() {}

	/**
	 * Floating-point resize of every plane of {@code source}.
	 *
	 * @param source the rows to read
	 * @param dstWidth target width
	 * @param dstHeight target height
	 * @param dst {@code dst[p]} receives plane p, row-major, {@code dstWidth * dstHeight}
	 *          samples
	 */
	public static void resize(FloatRows source, int dstWidth, int dstHeight, float[][] dst) {
		Plan plan = Plan.of(source.width(), source.height(), source.planes(), dstWidth,
			dstHeight, Arrays.stream(dst).mapToInt(a -> a.length).toArray());
		plan.inBands((from, to) -> RowSweep.run(plan.down(), from, to, new FloatStage(source,
			plan.across(), plan.down(), dst)));
	}

	/**
	 * Pillow-exact 8-bit resize of every plane of {@code source}.
	 *
	 * @param source the rows to read
	 * @param dstWidth target width
	 * @param dstHeight target height
	 * @param dst {@code dst[p]} receives plane p, row-major, unsigned bytes
	 */
	public static void resize(Uint8Rows source, int dstWidth, int dstHeight, byte[][] dst) {
		Plan plan = Plan.of(source.width(), source.height(), source.planes(), dstWidth,
			dstHeight, Arrays.stream(dst).mapToInt(a -> a.length).toArray());
		plan.inBands((from, to) -> RowSweep.run(plan.down(), from, to, new Uint8Stage(source,
			plan.across(), plan.down(), dst)));
	}

	/**
	 * Resizes one float plane as Pillow resizes an 'F' image; values are not clamped.
	 *
	 * @param src row-major samples, {@code srcWidth * srcHeight}
	 * @param srcWidth source width
	 * @param srcHeight source height
	 * @param dstWidth target width
	 * @param dstHeight target height
	 * @return the resized plane, row-major
	 */
	public static float[] resize(float[] src, int srcWidth, int srcHeight, int dstWidth,
		int dstHeight)
	{
		checkPlane(src.length, srcWidth, srcHeight);
		float[][] dst = {new float[dstWidth * dstHeight]};
		resize(new RawFloatRows(src, Crop.whole(srcWidth, srcHeight)), dstWidth, dstHeight,
			dst);
		return dst[0];
	}

	/**
	 * Resizes one unsigned 8-bit plane exactly as Pillow resizes an 'L' image.
	 *
	 * @param src row-major samples, {@code srcWidth * srcHeight}
	 * @param srcWidth source width
	 * @param srcHeight source height
	 * @param dstWidth target width
	 * @param dstHeight target height
	 * @return the resized plane, row-major, unsigned bytes
	 */
	public static byte[] resize(byte[] src, int srcWidth, int srcHeight, int dstWidth,
		int dstHeight)
	{
		checkPlane(src.length, srcWidth, srcHeight);
		byte[][] dst = {new byte[dstWidth * dstHeight]};
		resize(new ByteRows(new byte[][]{src}, Crop.whole(srcWidth, srcHeight)), dstWidth,
			dstHeight, dst);
		return dst[0];
	}

	/** A band of output rows, {@code from} inclusive, {@code to} exclusive. */
	private interface Band {

		void run(int from, int to);
	}

	/** The taps of both axes and the amount of work, checked against the destination. */
	private record Plan(ResampleWeights across, ResampleWeights down, long samples) {

		static Plan of(int srcWidth, int srcHeight, int planes, int dstWidth, int dstHeight,
			int[] dstLengths)
		{
			if (srcWidth < 1 || srcHeight < 1 || dstWidth < 1 || dstHeight < 1) {
				throw new IllegalArgumentException("Sizes must be positive: " + srcWidth + " x "
					+ srcHeight + " -> " + dstWidth + " x " + dstHeight);
			}
			if (planes != dstLengths.length) {
				throw new IllegalArgumentException("The source has " + planes
					+ " planes but the destination " + dstLengths.length);
			}
			for (int length : dstLengths) {
				checkPlane(length, dstWidth, dstHeight);
			}
			return new Plan(ResampleWeights.of(srcWidth, dstWidth), ResampleWeights.of(
				srcHeight, dstHeight), (long) srcWidth * srcHeight * planes);
		}

		/** Runs all output rows, in parallel bands when the source is large. */
		void inBands(Band band) {
			int dstHeight = down.outSize;
			int workers = ForkJoinPool.getCommonPoolParallelism() + 1;
			if (workers < 2 || samples < PARALLEL_SAMPLES || dstHeight < 2) {
				band.run(0, dstHeight);
				return;
			}
			int bands = Math.min(dstHeight, 4 * workers);
			IntConsumer one = b -> band.run((int) ((long) dstHeight * b / bands),
				(int) ((long) dstHeight * (b + 1) / bands));
			IntStream.range(0, bands).parallel().forEach(one);
		}
	}

	private static void checkPlane(int length, int width, int height) {
		if ((long) width * height != length) {
			throw new IllegalArgumentException("A " + width + " x " + height
				+ " plane needs " + (long) width * height + " samples, not " + length);
		}
	}
}
