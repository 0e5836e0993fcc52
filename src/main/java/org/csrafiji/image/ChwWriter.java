package org.csrafiji.image;

import java.nio.FloatBuffer;
import java.util.Arrays;

import org.csrafiji.core.InputSpec;

/**
 * Writes resized planes as normalised CHW data, {@code (x - mean[c]) / std[c]} on the
 * [0, 1] scale, in float arithmetic exactly as torchvision's {@code ToTensor} then
 * {@code Normalize} compute it: 8-bit values as {@code (v / 255f - mean) / std}.
 */
final class ChwWriter {

	private final int size;
	private final int area;
	private final float[] mean = new float[3];
	private final float[] std = new float[3];
	private final float[][] byteTables = new float[3][256];

	/** Floats per bulk copy into a direct buffer: 16 KiB, well inside a core's L1 cache. */
	static final int CHUNK = 4096;

	ChwWriter(InputSpec spec) {
		size = spec.size();
		area = size * size;
		double[] m = spec.mean();
		double[] s = spec.std();
		for (int c = 0; c < 3; c++) {
			mean[c] = (float) m[c];
			std[c] = (float) s[c];
			for (int v = 0; v < 256; v++) {
				byteTables[c][v] = (v / 255f - mean[c]) / std[c];
			}
		}
	}

	/** @return floats written per image: 3 x size x size */
	int length() {
		return 3 * area;
	}

	/**
	 * Writes R, G, B at the buffer's position and advances it by {@link #length()}.
	 *
	 * @param planes the resized planes
	 * @param planeOf for R, G, B: the plane that feeds it, or -1 for blank (zero)
	 * @param dst where to write; needs {@link #length()} floats remaining
	 */
	void write(ResizedPlanes planes, int[] planeOf, FloatBuffer dst) {
		write(planes, planeOf, Placement.whole(size), dst);
	}

	/**
	 * Writes R, G, B with the resized planes placed inside the square input and the rest
	 * filled with each channel's mean over the placed planes; advances the buffer by
	 * {@link #length()}.
	 *
	 * @param planes the resized planes, {@code placement.width() x placement.height()} each
	 * @param planeOf for R, G, B: the plane that feeds it, or -1 for blank (zero)
	 * @param placement where the planes go in the size x size input
	 * @param dst where to write; needs {@link #length()} floats remaining
	 */
	void write(ResizedPlanes planes, int[] planeOf, Placement placement, FloatBuffer dst) {
		int start = dst.position();
		boolean whole = placement.isWhole(size);
		if (dst.hasArray()) {
			float[] array = dst.array();
			int base = dst.arrayOffset() + start;
			for (int c = 0; c < 3; c++) {
				if (whole) {
					fill(planes, planeOf[c], c, array, base + c * area, 0, area);
				}
				else {
					placed(planes, planeOf[c], c, placement, array, base + c * area);
				}
			}
		}
		else if (whole) {
			// A direct buffer is written through a small array that stays in the cache: one
			// bulk copy per chunk, and no channel-sized array per image.
			float[] chunk = new float[Math.min(area, CHUNK)];
			for (int c = 0; c < 3; c++) {
				for (int from = 0; from < area; from += chunk.length) {
					int to = Math.min(area, from + chunk.length);
					fill(planes, planeOf[c], c, chunk, 0, from, to);
					dst.put(start + c * area + from, chunk, 0, to - from);
				}
			}
		}
		else {
			float[] channel = new float[area];
			for (int c = 0; c < 3; c++) {
				placed(planes, planeOf[c], c, placement, channel, 0);
				dst.put(start + c * area, channel);
			}
		}
		dst.position(start + length());
	}

	/**
	 * Writes samples {@code from} to {@code to} (exclusive) of channel {@code c}, from a plane
	 * that fills the whole input, to {@code out} from {@code offset}.
	 */
	private void fill(ResizedPlanes planes, int plane, int c, float[] out, int offset, int from,
		int to)
	{
		int shift = offset - from;
		if (plane < 0) {
			Arrays.fill(out, offset, offset + to - from, blank(c));
		}
		else if (planes.bytes() != null) {
			byte[] in = planes.bytes()[plane];
			float[] table = byteTables[c];
			for (int i = from; i < to; i++) {
				out[shift + i] = table[in[i] & 0xff];
			}
		}
		else {
			float[] in = planes.floats()[plane];
			float m = mean[c];
			float s = std[c];
			for (int i = from; i < to; i++) {
				out[shift + i] = (in[i] - m) / s;
			}
		}
	}

	/** @return the normalised value of a blank channel: 0 on the [0, 1] scale */
	private float blank(int c) {
		return (0f - mean[c]) / std[c];
	}

	/** Fills the padding with the plane's normalised mean, then copies the plane's rows in. */
	private void placed(ResizedPlanes planes, int plane, int c, Placement placement,
		float[] out, int offset)
	{
		if (plane < 0) {
			Arrays.fill(out, offset, offset + area, blank(c));
			return;
		}
		int w = placement.width();
		int h = placement.height();
		float[] values = new float[w * h];
		if (planes.bytes() != null) {
			byte[] in = planes.bytes()[plane];
			for (int i = 0; i < values.length; i++) {
				values[i] = byteTables[c][in[i] & 0xff];
			}
		}
		else {
			float[] in = planes.floats()[plane];
			for (int i = 0; i < values.length; i++) {
				values[i] = (in[i] - mean[c]) / std[c];
			}
		}
		double sum = 0;
		for (float v : values) {
			sum += v;
		}
		Arrays.fill(out, offset, offset + area, (float) (sum / values.length));
		for (int r = 0; r < h; r++) {
			System.arraycopy(values, r * w, out, offset + (placement.y() + r) * size + placement
				.x(), w);
		}
	}
}
