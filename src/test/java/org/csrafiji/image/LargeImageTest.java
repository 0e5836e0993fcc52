package org.csrafiji.image;

import static org.csrafiji.image.TestImages.assertChannel;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.process.ShortProcessor;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;

import org.csrafiji.core.InputSpec;
import org.junit.jupiter.api.Test;

/**
 * A large 16-bit image (8000 x 6000, 96 MB of pixels; a float copy would be 192 MB) is
 * resized correctly, in parallel bands, without anything near a full-size float copy.
 */
class LargeImageTest {

	private static final int W = 8000;
	private static final int H = 6000;
	private static final int S = 448;

	@Test
	void largeSixteenBitImageMatchesReferenceWithoutFullSizeCopy() {
		short[] px = new short[W * H];
		for (int y = 0; y < H; y++) {
			for (int x = 0; x < W; x++) {
				// smooth structure plus a fine checkerboard that only antialiasing averages out
				int v = 20000 + (int) (15000 * Math.sin(x * 0.003) * Math.cos(y * 0.002))
					+ ((x + y) % 2 == 0 ? 3000 : -3000);
				px[y * W + x] = (short) v;
			}
		}
		ImagePlus imp = new ImagePlus("large", new ShortProcessor(W, H, px, null));
		imp.setDisplayRange(4000, 36000);
		ImageConverter converter = new ImageConverter(InputSpec.unitRange(S), ConversionOptions
			.defaults());
		SlicePosition pos = converter.positions(imp).get(0);
		converter.toChw(imp, pos); // warm-up: classes, taps cache, JIT

		Map<Long, Long> before = allocatedByThread();
		float[] chw = converter.toChw(imp, pos);
		long allocated = allocatedSince(before);

		long fullFloatCopy = 4L * W * H;
		assertTrue(allocated < fullFloatCopy / 10, "allocated " + allocated
			+ " bytes while converting; a full float copy is " + fullFloatCopy);
		double[] expected = ReferenceResize.resize(i -> Math.min(Math.max(((px[i] & 0xffff)
			- 4000) / 32000.0, 0), 1), W, H, S, S);
		// Java float (IEEE strict): each resize pass sums n = 2 x scale + 2 non-negative taps in
		// float (n = 190 down 6000 rows, 252 across 8000 columns); the rounding errors of a
		// float sum of growing non-negative partial sums have a spread of about sqrt(n / 3) u of
		// the value, so with lambda = 6 (Float32Tolerance) both passes and the two roundings of
		// the intensity map stay within 6 sqrt(442 / 3) u + 2 u = 4.4e-6 (the former 2e-6 was
		// below this bound)
		double tolerance = 6 * Math.sqrt((190 + 252) / 3.0) * 0x1p-24 + 2 * 0x1p-24;
		assertChannel(expected, chw, 0, tolerance, "8000 x 6000");
		assertChannel(expected, chw, 2, tolerance, "8000 x 6000");
	}

	/** Bytes each live Java thread has allocated so far (HotSpot's per-thread counters). */
	private static Map<Long, Long> allocatedByThread() {
		com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) ManagementFactory
			.getThreadMXBean();
		long[] ids = bean.getAllThreadIds();
		long[] bytes = bean.getThreadAllocatedBytes(ids);
		Map<Long, Long> out = new HashMap<>();
		for (int i = 0; i < ids.length; i++) {
			out.put(ids[i], bytes[i]);
		}
		return out;
	}

	private static long allocatedSince(Map<Long, Long> before) {
		long total = 0;
		for (Map.Entry<Long, Long> now : allocatedByThread().entrySet()) {
			if (now.getValue() > 0) {
				total += now.getValue() - before.getOrDefault(now.getKey(), 0L);
			}
		}
		return total;
	}
}
