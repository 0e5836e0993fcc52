package org.csrafiji.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.ImageStack;
import ij.process.ByteProcessor;
import ij.process.ColorProcessor;
import ij.process.FloatProcessor;
import ij.process.ShortProcessor;

import java.util.Random;

/** Deterministic test images and the reference expectations built from their pixels. */
final class TestImages {

	private TestImages() {}

	/** A 16-bit plane: a gradient plus noise, so resizing has something to average. */
	static short[] shorts(int w, int h, long seed, int low, int high) {
		Random r = new Random(seed);
		short[] out = new short[w * h];
		for (int y = 0; y < h; y++) {
			for (int x = 0; x < w; x++) {
				double ramp = (double) (x + 2 * y) / (w + 2 * h);
				int v = (int) (low + (high - low) * (0.7 * ramp + 0.3 * r.nextDouble()));
				out[y * w + x] = (short) Math.min(Math.max(v, 0), 65535);
			}
		}
		return out;
	}

	static float[] floats(int w, int h, long seed, float low, float high) {
		Random r = new Random(seed);
		float[] out = new float[w * h];
		for (int i = 0; i < out.length; i++) {
			out[i] = low + (high - low) * (float) (0.5 * Math.sin(i * 0.01) + 0.5 * r
				.nextDouble());
		}
		return out;
	}

	static byte[] bytes(int w, int h, long seed) {
		Random r = new Random(seed);
		byte[] out = new byte[w * h];
		r.nextBytes(out);
		return out;
	}

	static ImagePlus gray16(int w, int h, long seed) {
		return new ImagePlus("gray16", new ShortProcessor(w, h, shorts(w, h, seed, 1000, 40000),
			null));
	}

	static ImagePlus gray32(float[] pixels, int w, int h) {
		return new ImagePlus("gray32", new FloatProcessor(w, h, pixels));
	}

	static ImagePlus gray8(int w, int h, long seed) {
		return new ImagePlus("gray8", new ByteProcessor(w, h, bytes(w, h, seed)));
	}

	static ImagePlus rgb(int w, int h, long seed) {
		Random r = new Random(seed);
		int[] px = new int[w * h];
		for (int i = 0; i < px.length; i++) {
			px[i] = r.nextInt(1 << 24);
		}
		return new ImagePlus("rgb", new ColorProcessor(w, h, px));
	}

	/** A 16-bit hyperstack, c x z x t planes, each plane from its own seed. */
	static ImagePlus hyperstack16(int w, int h, int c, int z, int t) {
		ImageStack stack = new ImageStack(w, h);
		for (int i = 0; i < c * z * t; i++) {
			stack.addSlice("p" + i, shorts(w, h, 100 + i, 500 + 1000 * i, 30000 + 500 * i));
		}
		ImagePlus imp = new ImagePlus("hyper", stack);
		imp.setDimensions(c, z, t);
		return imp;
	}

	/** @return raw values mapped by a window, clamped to [0, 1], in double */
	static double[] window(short[] px, double low, double high) {
		double[] out = new double[px.length];
		for (int i = 0; i < px.length; i++) {
			out[i] = Math.min(Math.max(((px[i] & 0xffff) - low) / (high - low), 0), 1);
		}
		return out;
	}

	/** @return the w x h rectangle at (x, y) of a row-major plane */
	static double[] crop(double[] px, int width, int x, int y, int w, int h) {
		double[] out = new double[w * h];
		for (int r = 0; r < h; r++) {
			System.arraycopy(px, (y + r) * width + x, out, r * w, w);
		}
		return out;
	}

	/** Asserts that channel {@code c} of a unit-range CHW result matches a reference plane. */
	static void assertChannel(double[] expected, float[] chw, int c, double tolerance,
		String what)
	{
		int area = expected.length;
		double worst = 0;
		for (int i = 0; i < area; i++) {
			worst = Math.max(worst, Math.abs(chw[c * area + i] - expected[i]));
		}
		assertTrue(worst <= tolerance, what + ": channel " + c + " differs by up to " + worst);
	}

	/** Asserts that channel {@code c} is constant {@code value}. */
	static void assertConstant(float[] chw, int c, int area, float value) {
		for (int i = 0; i < area; i++) {
			assertEquals(value, chw[c * area + i], 0f, "channel " + c + " sample " + i);
		}
	}
}
