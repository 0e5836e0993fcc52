package org.csrafiji.cli;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import javax.imageio.ImageIO;

import org.csrafiji.core.ClassLabels;

/**
 * A PASCAL VOC 2007 layout ({@code Annotations}, {@code ImageSets/Main/test.txt},
 * {@code JPEGImages}) of seeded synthetic JPEGs the size of VOC photographs, for the whole-job
 * benchmark: each image a smooth colour field with noise (so that it compresses and decodes
 * like a photograph, not like a flat plane), each annotation one object of a class in turn.
 */
final class VocFolder {

	/** The usual VOC photograph: 500 x 375 pixels. */
	static final int WIDTH = 500;
	static final int HEIGHT = 375;

	private VocFolder() {}

	/**
	 * @param root the folder to write into (its VOC2007 subfolder is made)
	 * @param count how many images
	 * @param seed the random seed
	 * @return the image files, in the split's order
	 */
	static List<Path> write(Path root, int count, long seed) throws IOException {
		Path voc = root.resolve("VOC2007");
		Path jpegs = Files.createDirectories(voc.resolve("JPEGImages"));
		Path xmls = Files.createDirectories(voc.resolve("Annotations"));
		Path sets = Files.createDirectories(voc.resolve("ImageSets").resolve("Main"));
		Random random = new Random(seed);
		List<String> ids = new ArrayList<>();
		List<Path> files = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			String id = String.format("%06d", i + 1);
			ids.add(id);
			Path jpg = jpegs.resolve(id + ".jpg");
			if (!ImageIO.write(photo(random), "jpg", jpg.toFile())) {
				throw new IOException("No JPEG writer in this Java.");
			}
			files.add(jpg);
			String name = ClassLabels.VOC2007.get(i % ClassLabels.VOC2007.size());
			Files.writeString(xmls.resolve(id + ".xml"), "<annotation><filename>" + id
				+ ".jpg</filename><object><name>" + name
				+ "</name><difficult>0</difficult></object></annotation>\n");
		}
		Files.write(sets.resolve("test.txt"), ids);
		return files;
	}

	private static BufferedImage photo(Random random) {
		BufferedImage img = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
		double fx = 0.005 + 0.03 * random.nextDouble();
		double fy = 0.005 + 0.03 * random.nextDouble();
		int base = random.nextInt(0x1000000);
		for (int y = 0; y < HEIGHT; y++) {
			for (int x = 0; x < WIDTH; x++) {
				double w = Math.sin(x * fx) * Math.cos(y * fy);
				int r = channel((base >> 16) & 0xff, w, random);
				int g = channel((base >> 8) & 0xff, -w, random);
				int b = channel(base & 0xff, w * 0.5, random);
				img.setRGB(x, y, (r << 16) | (g << 8) | b);
			}
		}
		return img;
	}

	private static int channel(int base, double wave, Random random) {
		return Math.max(0, Math.min(255, (int) (base * 0.5 + 64 * wave + 64 + random.nextInt(24))));
	}
}
