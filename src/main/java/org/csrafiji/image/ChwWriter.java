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

	private final int area;
	private final float[] mean = new float[3];
	private final float[] std = new float[3];
	private final float[][] byteTables = new float[3][256];

	ChwWriter(InputSpec spec) {
		area = spec.size() * spec.size();
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
		int start = dst.position();
		if (dst.hasArray()) {
			float[] array = dst.array();
			int base = dst.arrayOffset() + start;
			for (int c = 0; c < 3; c++) {
				fill(planes, planeOf[c], c, array, base + c * area);
			}
		}
		else {
			float[] channel = new float[area];
			for (int c = 0; c < 3; c++) {
				fill(planes, planeOf[c], c, channel, 0);
				dst.put(start + c * area, channel);
			}
		}
		dst.position(start + length());
	}

	private void fill(ResizedPlanes planes, int plane, int c, float[] out, int offset) {
		if (plane < 0) {
			Arrays.fill(out, offset, offset + area, (0f - mean[c]) / std[c]);
		}
		else if (planes.bytes() != null) {
			byte[] in = planes.bytes()[plane];
			float[] table = byteTables[c];
			for (int i = 0; i < area; i++) {
				out[offset + i] = table[in[i] & 0xff];
			}
		}
		else {
			float[] in = planes.floats()[plane];
			float m = mean[c];
			float s = std[c];
			for (int i = 0; i < area; i++) {
				out[offset + i] = (in[i] - m) / s;
			}
		}
	}
}
