package org.csrafiji.train.synthetic;

import org.csrafiji.core.CsraException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import javax.imageio.ImageIO;

/**
 * Writes scenes as PNG files plus {@code labels.csv} in the evaluation CSV layout
 * ({@code image,circle,square,...} with 1 or 0).
 */
public final class SyntheticDatasetWriter {

	/** The CSV's name in the folder. */
	public static final String LABELS = "labels.csv";

	private SyntheticDatasetWriter() {}

	/**
	 * @param generator the scenes
	 * @param first index of the first scene
	 * @param count number of scenes
	 * @param folder where to write (created)
	 * @return the labels CSV
	 */
	public static Path write(SceneGenerator generator, int first, int count, Path folder) {
		StringBuilder csv = new StringBuilder("image");
		for (ShapeKind k : ShapeKind.values()) {
			csv.append(',').append(k.label());
		}
		csv.append('\n');
		try {
			Files.createDirectories(folder);
			for (int i = first; i < first + count; i++) {
				Scene s = generator.scene(i);
				String name = String.format(Locale.ROOT, "scene_%05d.png", i);
				ImageIO.write(s.image(), "png", folder.resolve(name).toFile());
				csv.append(name);
				for (ShapeKind k : ShapeKind.values()) {
					csv.append(s.contains(k) ? ",1" : ",0");
				}
				csv.append('\n');
			}
			Path labels = folder.resolve(LABELS);
			Files.writeString(labels, csv, StandardCharsets.UTF_8);
			return labels;
		}
		catch (IOException | UncheckedIOException e) {
			throw new CsraException("Cannot write the synthetic set to " + folder + ": " + e
				.getMessage(), e);
		}
	}
}
