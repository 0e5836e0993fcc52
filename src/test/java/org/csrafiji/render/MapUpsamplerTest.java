package org.csrafiji.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import java.util.Random;

/** Bilinear upsampling checked against PyTorch's align_corners=False formula written out. */
class MapUpsamplerTest {

	/** Independent reference: torch.nn.functional.interpolate(bilinear, align_corners=False). */
	private static double reference(float[] m, int gw, int gh, int w, int h, int x, int y) {
		double sx = Math.max(0, (x + 0.5) * gw / w - 0.5);
		double sy = Math.max(0, (y + 0.5) * gh / h - 0.5);
		int x0 = (int) Math.floor(sx), y0 = (int) Math.floor(sy);
		int x1 = Math.min(x0 + 1, gw - 1), y1 = Math.min(y0 + 1, gh - 1);
		double fx = sx - x0, fy = sy - y0;
		return (1 - fy) * ((1 - fx) * m[y0 * gw + x0] + fx * m[y0 * gw + x1]) + fy * ((1 - fx)
			* m[y1 * gw + x0] + fx * m[y1 * gw + x1]);
	}

	@Test
	void matchesTorchBilinearWithoutAlignedCorners() {
		Random r = new Random(3);
		int gw = 3, gh = 4, w = 17, h = 10;
		float[] m = new float[gw * gh];
		for (int i = 0; i < m.length; i++) {
			m[i] = r.nextFloat();
		}
		float[] up = MapUpsampler.upsample(m, gw, gh, w, h);
		for (int y = 0; y < h; y++) {
			for (int x = 0; x < w; x++) {
				// Java float (IEEE strict): bilinear, 4 products and 3 sums of map values of order
				// 1, about 7 u = 4e-7 <= 1e-6
				assertEquals(reference(m, gw, gh, w, h, x, y), up[y * w + x], 1e-6, x + "," + y);
			}
		}
	}
}
