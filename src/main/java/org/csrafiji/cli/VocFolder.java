package org.csrafiji.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.csrafiji.bench.SyntheticPhotos;
import org.csrafiji.core.ClassLabels;

/**
 * A PASCAL VOC 2007 layout ({@code Annotations}, {@code ImageSets/Main/test.txt},
 * {@code JPEGImages}) of seeded synthetic JPEGs the size of VOC photographs ({@link
 * SyntheticPhotos}), for the whole-job benchmark: each annotation one object of a class in turn.
 */
final class VocFolder {

	private VocFolder() {}

	/**
	 * @param root the folder to write into (its VOC2007 subfolder is made)
	 * @param count how many images
	 * @param seed the random seed
	 * @return the image files, in the split's order
	 */
	static List<Path> write(Path root, int count, long seed) throws IOException {
		Path voc = root.resolve("VOC2007");
		List<Path> files = SyntheticPhotos.write(voc.resolve("JPEGImages"), count, seed);
		Path xmls = Files.createDirectories(voc.resolve("Annotations"));
		Path sets = Files.createDirectories(voc.resolve("ImageSets").resolve("Main"));
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			String id = String.format("%06d", i + 1);
			ids.add(id);
			String name = ClassLabels.VOC2007.get(i % ClassLabels.VOC2007.size());
			Files.writeString(xmls.resolve(id + ".xml"), "<annotation><filename>" + id
				+ ".jpg</filename><object><name>" + name
				+ "</name><difficult>0</difficult></object></annotation>\n");
		}
		Files.write(sets.resolve("test.txt"), ids);
		return files;
	}
}
