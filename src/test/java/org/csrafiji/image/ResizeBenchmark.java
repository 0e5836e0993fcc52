package org.csrafiji.image;

import ij.ImagePlus;
import ij.process.ByteProcessor;
import ij.process.ColorProcessor;
import ij.process.FloatProcessor;
import ij.process.ShortProcessor;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Random;

import org.csrafiji.core.InputSpec;

/**
 * Prints how long whole conversions take (read, window, resize, normalise into CHW): the
 * median and best wall time of repeated runs after warm-up, the process CPU time per call,
 * and the bytes the calling thread allocates per call. With the argument {@code huge} it
 * also converts a 20000 x 20000 16-bit image (800 MB; give the JVM -Xmx2g or more). Not a
 * test (no timings are asserted); run it by hand:
 *
 * <pre>
 * mvn -q test-compile dependency:build-classpath -Dmdep.outputFile=cp.txt
 * java -cp target/classes:target/test-classes:$(cat cp.txt) org.csrafiji.image.ResizeBenchmark
 * </pre>
 */
public final class ResizeBenchmark {

	private static final int TARGET = 448;

	private ResizeBenchmark() {}

	/** @param args {@code huge} to add the 20000 x 20000 image */
	public static void main(String[] args) {
		Random random = new Random(1);
		int side = 4096;
		short[] shorts = new short[side * side];
		float[] floats = new float[side * side];
		byte[] bytes = new byte[side * side];
		int[] rgb = new int[side * side];
		for (int i = 0; i < shorts.length; i++) {
			shorts[i] = (short) random.nextInt(65536);
			floats[i] = random.nextFloat() * 100;
			rgb[i] = random.nextInt(1 << 24);
		}
		random.nextBytes(bytes);
		ImagePlus gray16 = new ImagePlus("16", new ShortProcessor(side, side, shorts, null));
		gray16.setDisplayRange(1000, 60000);
		ImagePlus gray32 = new ImagePlus("32", new FloatProcessor(side, side, floats));
		ImagePlus gray8 = new ImagePlus("8", new ByteProcessor(side, side, bytes));
		ImagePlus color = new ImagePlus("rgb", new ColorProcessor(side, side, rgb));
		ImagePlus photo = new ImagePlus("photo", new ColorProcessor(640, 480, Arrays.copyOf(rgb,
			640 * 480)));
		ConversionOptions display = ConversionOptions.defaults();
		ConversionOptions minMax = display.withScaling(IntensityScaling.SLICE_MIN_MAX);
		System.out.printf("%d processors, common pool parallelism %d%n", Runtime.getRuntime()
			.availableProcessors(), java.util.concurrent.ForkJoinPool.getCommonPoolParallelism());
		time("16-bit 4096^2 -> 448^2, display range", gray16, display);
		time("16-bit 4096^2 -> 448^2, slice min-max", gray16, minMax);
		time("32-bit 4096^2 -> 448^2, display range", gray32, display);
		time("8-bit 4096^2 -> 448^2", gray8, display);
		time("RGB 4096^2 -> 448^2", color, display);
		time("RGB 640x480 -> 448^2", photo, display);
		if (Arrays.asList(args).contains("huge")) {
			int huge = 20000;
			short[] big = new short[huge * huge];
			for (int i = 0; i < big.length; i++) {
				big[i] = (short) (i * 2654435761L >>> 20);
			}
			ImagePlus hugeImage = new ImagePlus("huge", new ShortProcessor(huge, huge, big, null));
			hugeImage.setDisplayRange(0, 65535);
			time("16-bit 20000^2 -> 448^2, display range", hugeImage, display);
		}
	}

	private static void time(String what, ImagePlus imp, ConversionOptions options) {
		ImageConverter converter = new ImageConverter(new InputSpec(TARGET, new double[]{
			0.485, 0.456, 0.406}, new double[]{0.229, 0.224, 0.225}), options);
		SlicePosition pos = converter.positions(imp).get(0);
		long pixels = (long) imp.getWidth() * imp.getHeight();
		int warmUp = pixels > 100_000_000L ? 3 : 20;
		int runs = pixels > 100_000_000L ? 5 : 30;
		for (int i = 0; i < warmUp; i++) {
			converter.toChw(imp, pos);
		}
		com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory
			.getThreadMXBean();
		java.lang.management.OperatingSystemMXBean os = ManagementFactory
			.getOperatingSystemMXBean();
		long cpu0 = ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime();
		long alloc0 = threads.getCurrentThreadAllocatedBytes();
		long[] ns = new long[runs];
		for (int i = 0; i < runs; i++) {
			long t0 = System.nanoTime();
			converter.toChw(imp, pos);
			ns[i] = System.nanoTime() - t0;
		}
		long cpu = ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime() - cpu0;
		long alloc = threads.getCurrentThreadAllocatedBytes() - alloc0;
		Arrays.sort(ns);
		System.out.printf("%-42s wall median %6.2f ms, best %6.2f ms; CPU %6.2f ms/call;"
			+ " calling thread allocates %.2f MB/call%n", what, ns[runs / 2] / 1e6, ns[0] / 1e6,
			cpu / 1e6 / runs, alloc / 1e6 / runs);
	}
}
