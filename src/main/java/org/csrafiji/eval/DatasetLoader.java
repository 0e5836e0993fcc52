package org.csrafiji.eval;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

import org.csrafiji.core.ClassLabels;
import org.csrafiji.core.DatasetException;

import com.google.gson.stream.JsonReader;

/**
 * Opens any label source this package reads, telling them apart by what they are: a folder is
 * PASCAL VOC 2007 (its test split for evaluation, its trainval split for training), a split file
 * {@code ImageSets/Main/NAME.txt} that VOC split, a {@code .csv} a {@link LabelCsvReader label
 * CSV}, a JSON list an {@link PreparedJsonReader official prepared list}, and a JSON object a
 * COCO instances file (it has "categories") or a WIDER-Attribute annotation file (it has not).
 * Training never reads a test split: {@link #forTraining} refuses one.
 */
public final class DatasetLoader {

	/** The VOC split evaluation reads from a folder. */
	public static final String VOC_TEST = "test";

	/** The VOC split training reads from a folder. */
	public static final String VOC_TRAINVAL = "trainval";

	private DatasetLoader() {}

	/**
	 * @param path the label file or folder
	 * @param convention how a prepared list encodes its targets, or null to guess; also says
	 *        whether a JSON object is COCO or WIDER
	 * @param classes the class list for sources that do not name their classes (an
	 *        {@code image,labels} CSV, a prepared list of unusual length), or null
	 * @return the dataset
	 */
	public static Dataset load(Path path, LabelConvention convention, ClassLabels classes) {
		if (Files.isDirectory(path)) {
			return VocReader.read(path, VOC_TEST);
		}
		return loadFile(path, convention, classes);
	}

	/**
	 * Opens a source to train on: a VOC folder gives its trainval split (test is for
	 * evaluation), anything else as {@link #load}. A source that is a test split (a VOC split
	 * file named test, a file named like the official test lists, e.g. {@code test_voc07.json})
	 * is refused.
	 *
	 * @param path the label file or folder
	 * @param classes as for {@link #load}, or null
	 * @return the training set
	 * @throws DatasetException for a test split, or as {@link #load}
	 */
	public static Dataset forTraining(Path path, ClassLabels classes) {
		if (Files.isDirectory(path)) {
			return VocReader.read(path, VOC_TRAINVAL);
		}
		String base = path.getFileName() == null
			? ""
			: path.getFileName().toString().toLowerCase(
				Locale.ROOT).replaceFirst("\\.[^.]*$", "");
		if (Arrays.asList(base.split("[^a-z0-9]+")).contains(VOC_TEST)) {
			throw new DatasetException("Refusing to train on " + path
				+ ": its name says it is a test"
				+ " split, which is kept for evaluation (a model trained on it scores its own training"
				+ " images). Train on the training split: give the VOC folder itself (it trains on"
				+ " trainval) or the trainval/train split file, and evaluate on test; rename the file"
				+ " if it really holds training labels.");
		}
		return loadFile(path, null, classes);
	}

	private static Dataset loadFile(Path path, LabelConvention convention, ClassLabels classes) {
		InputFiles.requireFile(path, "The label file");
		String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
		Path vocRoot = vocRootOfSplitFile(path);
		if (vocRoot != null) {
			return VocReader.read(vocRoot,
				path.getFileName().toString().replaceFirst("\\.txt$", ""));
		}
		if (name.endsWith(".csv")) {
			return LabelCsvReader.read(path, classes);
		}
		int first = JsonFiles.firstCharacter(path);
		if (first == '[') {
			return PreparedJsonReader.read(path, convention, classes);
		}
		if (first != '{') {
			throw new DatasetException(
				path + " is neither a CSV file (name it .csv), nor JSON, nor a VOC"
					+ " folder; give one of the label formats the evaluation reads.");
		}
		boolean coco = convention == LabelConvention.COCO
			|| convention != LabelConvention.WIDER && hasTopLevelKey(path, "categories");
		return coco ? CocoReader.read(path, null) : WiderReader.read(path, null);
	}

	/** @return the VOC2007 folder of {@code .../ImageSets/Main/NAME.txt}, or null */
	private static Path vocRootOfSplitFile(Path file) {
		Path main = file.toAbsolutePath().getParent();
		boolean split = file.getFileName().toString().endsWith(".txt") && main != null && main
			.getFileName() != null && main.getFileName().toString().equals("Main") && main
				.getParent() != null
			&& main.getParent().getFileName() != null && main.getParent()
				.getFileName().toString().equals("ImageSets");
		return split ? main.getParent().getParent() : null;
	}

	private static boolean hasTopLevelKey(Path json, String key) {
		return JsonFiles.parse(json, (JsonReader reader) -> {
			reader.beginObject();
			while (reader.hasNext()) {
				if (reader.nextName().equals(key)) {
					return true;
				}
				reader.skipValue();
			}
			return false;
		});
	}
}
