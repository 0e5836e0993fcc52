package org.csrafiji.eval;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.csrafiji.core.ClassLabels;
import org.csrafiji.core.DatasetException;

import com.google.gson.stream.JsonReader;

/**
 * Opens any label source this package reads, telling them apart by what they are: a folder is
 * PASCAL VOC 2007 (its test split), a {@code .csv} a {@link LabelCsvReader label CSV}, a JSON
 * list an {@link PreparedJsonReader official prepared list}, and a JSON object a COCO instances
 * file (it has "categories") or a WIDER-Attribute annotation file (it has not).
 */
public final class DatasetLoader {

	private DatasetLoader() {
	}

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
			return VocReader.read(path, "test");
		}
		InputFiles.requireFile(path, "The label file");
		String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
		if (name.endsWith(".csv")) {
			return LabelCsvReader.read(path, classes);
		}
		int first = JsonFiles.firstCharacter(path);
		if (first == '[') {
			return PreparedJsonReader.read(path, convention, classes);
		}
		if (first != '{') {
			throw new DatasetException(path + " is neither a CSV file (name it .csv), nor JSON, nor a VOC"
				+ " folder; give one of the label formats the evaluation reads.");
		}
		boolean coco = convention == LabelConvention.COCO
			|| convention != LabelConvention.WIDER && hasTopLevelKey(path, "categories");
		return coco ? CocoReader.read(path, null) : WiderReader.read(path, null);
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
