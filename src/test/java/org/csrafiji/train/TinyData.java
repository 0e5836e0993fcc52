package org.csrafiji.train;

import org.csrafiji.core.ClassLabels;
import org.csrafiji.eval.Dataset;
import org.csrafiji.eval.LabelCsvReader;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import javax.imageio.ImageIO;

/** Writes a tiny labelled image set: class i present when a square of colour i is drawn. */
final class TinyData {

	static final Color[] COLOURS = {Color.RED, Color.GREEN, Color.BLUE};

	private TinyData() {}

	static Dataset write(Path dir, int count, int size, long seed) throws IOException {
		Files.createDirectories(dir);
		Random r = new Random(seed);
		StringBuilder csv = new StringBuilder("image,red,green,blue\n");
		for (int i = 0; i < count; i++) {
			BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
			Graphics2D g = img.createGraphics();
			g.setColor(Color.GRAY);
			g.fillRect(0, 0, size, size);
			StringBuilder row = new StringBuilder("img" + i + ".png");
			for (int c = 0; c < COLOURS.length; c++) {
				boolean present = r.nextBoolean();
				if (present) {
					g.setColor(COLOURS[c]);
					int s = size / 4;
					g.fillRect(r.nextInt(size - s), r.nextInt(size - s), s, s);
				}
				row.append(present ? ",1" : ",0");
			}
			g.dispose();
			ImageIO.write(img, "png", dir.resolve("img" + i + ".png").toFile());
			csv.append(row).append('\n');
		}
		Path labels = dir.resolve("labels.csv");
		Files.writeString(labels, csv);
		return LabelCsvReader.read(labels, (ClassLabels) null);
	}

	static TrainingOptions options() {
		return TrainingOptions.defaults().toBuilder().architecture("resnet18").baseWidth(4).size(32)
			.heads(1).lambda(0.1).epochs(2).batchSize(4).warmupEpochs(1).stepEpochs(1).seed(1)
			.build();
	}
}
