package org.csrafiji.image;

import java.util.Arrays;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Prints how long resizes take (median of repeated runs after warm-up). Not a test: run
 * it by hand, e.g. {@code java -cp target/classes:target/test-classes:<deps>
 * org.csrafiji.image.ResizeBenchmark}.
 */
public final class ResizeBenchmark {

	private ResizeBenchmark() {
	}

	/** @param args ignored */
	public static void main(String[] args) {
		int side = 4096;
		int target = 448;
		Random random = new Random(1);
		short[] shorts = new short[side * side];
		for (int i = 0; i < shorts.length; i++) {
			shorts[i] = (short) random.nextInt(65536);
		}
		int[] rgb = new int[side * side];
		for (int i = 0; i < rgb.length; i++) {
			rgb[i] = random.nextInt(1 << 24);
		}
		Crop whole = Crop.whole(side, side);
		IntensityWindow[] window = { new IntensityWindow(1000, 60000) };
		time("16-bit 4096^2 -> 448^2, resampler only", () -> {
			float[][] out = new float[1][target * target];
			Resampler.resize(new ShortRows(new short[][] { shorts }, window, whole), target,
				target, out);
			return out;
		});
		time("RGB 4096^2 -> 448^2, resampler only", () -> {
			byte[][] out = new byte[3][target * target];
			Resampler.resize(new RgbRows(rgb, whole), target, target, out);
			return out;
		});
	}

	static void time(String what, Supplier<Object> run) {
		for (int i = 0; i < 15; i++) {
			run.get();
		}
		long[] ns = new long[25];
		for (int i = 0; i < ns.length; i++) {
			long t0 = System.nanoTime();
			run.get();
			ns[i] = System.nanoTime() - t0;
		}
		Arrays.sort(ns);
		System.out.printf("%-55s median %6.2f ms, best %6.2f ms%n", what, ns[ns.length / 2]
			/ 1e6, ns[0] / 1e6);
	}
}
