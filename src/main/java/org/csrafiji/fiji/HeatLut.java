package org.csrafiji.fiji;

import ij.process.LUT;

/**
 * A perceptual heat-map lookup table: matplotlib's "inferno" (black through purple and
 * orange to pale yellow), rebuilt in code by linear interpolation between nine of its
 * colours (at 0, 1/8, ..., 1), so no LUT file is needed.
 */
public final class HeatLut {

	private static final int[][] ANCHORS = { { 0, 0, 4 }, { 31, 12, 72 }, { 85, 15, 109 }, {
		136, 34, 106 }, { 186, 54, 85 }, { 227, 89, 51 }, { 249, 140, 10 }, { 249, 201, 50 }, {
			252, 255, 164 } };

	private HeatLut() {}

	/** @return the 256-entry inferno LUT */
	public static LUT inferno() {
		byte[] r = new byte[256];
		byte[] g = new byte[256];
		byte[] b = new byte[256];
		int segments = ANCHORS.length - 1;
		for (int i = 0; i < 256; i++) {
			double pos = i / 255.0 * segments;
			int k = Math.min((int) pos, segments - 1);
			double f = pos - k;
			r[i] = mix(ANCHORS[k][0], ANCHORS[k + 1][0], f);
			g[i] = mix(ANCHORS[k][1], ANCHORS[k + 1][1], f);
			b[i] = mix(ANCHORS[k][2], ANCHORS[k + 1][2], f);
		}
		return new LUT(r, g, b);
	}

	private static byte mix(int a, int b, double f) {
		return (byte) Math.round(a + (b - a) * f);
	}
}
