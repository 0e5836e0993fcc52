package org.csrafiji.bench;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

import javax.imageio.ImageIO;

/**
 * Seeded synthetic JPEGs the size of a PASCAL VOC photograph, for whole-job benchmarks: each
 * image a smooth colour field with noise, so that it compresses and decodes like a photograph,
 * not like a flat plane. The same seed gives the same files.
 */
public final class SyntheticPhotos {

	/** The usual VOC photograph: 500 x 375 pixels. */
	public static final int WIDTH = 500;
	/** The usual VOC photograph: 500 x 375 pixels. */
	public static final int HEIGHT = 375;

	private SyntheticPhotos() {}

	/**
	 * Writes the images on all cores; image {@code i} depends only on the seed and {@code i}, so
	 * the first images of a larger set are those of a smaller one.
	 *
	 * @param folder where to write (created if missing)
	 * @param count how many images
	 * @param seed the random seed
	 * @return the files, {@code 000001.jpg} onwards, in that order
	 * @throws IOException when a file cannot be written
	 */
	public static List<Path> write(Path folder, int count, long seed) throws IOException {
		Files.createDirectories(folder);
		List<Path> files = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			files.add(folder.resolve(String.format("%06d.jpg", i + 1)));
		}
		try {
			IntStream.range(0, count).parallel().forEach(i -> {
				try {
					if (!ImageIO.write(photo(new Random(seed * 1_000_003L + i)), "jpg", files.get(i)
						.toFile()))
					{
						throw new IOException("No JPEG writer in this Java.");
					}
				}
				catch (IOException e) {
					throw new UncheckedIOException(e);
				}
			});
		}
		catch (UncheckedIOException e) {
			throw e.getCause();
		}
		return files;
	}

	/**
	 * The pixels straight into the image's raster, the wave's factors once per row and column:
	 * the same values, in the same order of random draws, as a {@code setRGB} per pixel, at a
	 * fraction of the time (10,000 images are written for the memory benchmark).
	 */
	private static BufferedImage photo(Random random) {
		BufferedImage img = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
		int[] px = ((DataBufferInt) img.getRaster().getDataBuffer()).getData();
		double fx = 0.005 + 0.03 * random.nextDouble();
		double fy = 0.005 + 0.03 * random.nextDouble();
		int base = random.nextInt(0x1000000);
		double[] sx = new double[WIDTH];
		for (int x = 0; x < WIDTH; x++) {
			sx[x] = Math.sin(x * fx);
		}
		for (int y = 0; y < HEIGHT; y++) {
			double cy = Math.cos(y * fy);
			for (int x = 0; x < WIDTH; x++) {
				double w = sx[x] * cy;
				int r = channel((base >> 16) & 0xff, w, random);
				int g = channel((base >> 8) & 0xff, -w, random);
				int b = channel(base & 0xff, w * 0.5, random);
				px[y * WIDTH + x] = (r << 16) | (g << 8) | b;
			}
		}
		return img;
	}

	private static int channel(int base, double wave, Random random) {
		return Math.max(0, Math.min(255, (int) (base * 0.5 + 64 * wave + 64 + random.nextInt(24))));
	}
}
