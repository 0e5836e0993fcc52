package org.csrafiji.eval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.csrafiji.core.ClassLabels;
import org.csrafiji.core.DatasetException;

import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;

/**
 * Reads a COCO instances file ({@code annotations/instances_val2014.json}) as the official CSRA
 * preparation does: images in ascending id order, a class positive when the image has any
 * annotation of it (crowd ones included) and negative otherwise, images without any annotation
 * skipped (the count is in the dataset's notes). Classes are the categories in ascending id
 * order; for the 80 COCO categories their names are {@link ClassLabels#COCO2014}. The file is
 * streamed, so the segmentations of a full instances file are never held in memory.
 */
public final class CocoReader {

	private record Image(long id, String fileName) {}

	private record Annotation(long imageId, long categoryId, int line) {}

	private record Contents(List<Image> images, List<Annotation> annotations,
		TreeMap<Long, String> categories)
	{}

	private CocoReader() {}

	/**
	 * @param json the instances file
	 * @param imageDir the folder holding the images' file_name, or null for the usual place next to
	 *        the annotations folder ({@code images/val2014} or {@code val2014})
	 * @return the dataset
	 */
	public static Dataset read(Path json, Path imageDir) {
		Contents contents = JsonFiles.parse(json, reader -> contents(json, reader));
		ClassLabels classes = classes(json, contents.categories());
		Map<Long, Integer> classOf = new HashMap<>();
		int c = 0;
		for (Long id : contents.categories().keySet()) {
			classOf.put(id, c++);
		}
		Set<Long> imageIds = new HashSet<>();
		for (Image image : contents.images()) {
			if (!imageIds.add(image.id())) {
				throw new DatasetException(json + ": image id " + image.id() + " appears twice in"
					+ " \"images\"; the file is damaged.");
			}
		}
		Map<Long, LabelState[]> labels = new HashMap<>();
		for (Annotation a : contents.annotations()) {
			Integer cls = classOf.get(a.categoryId());
			if (cls == null || !imageIds.contains(a.imageId())) {
				throw new DatasetException(json + " line " + a.line() + ": the annotation names "
					+ (cls == null ? "category " + a.categoryId() : "image " + a.imageId())
					+ ", which is not in the file; the file is damaged or cut.");
			}
			labels.computeIfAbsent(a.imageId(),
				k -> negatives(classes.size()))[cls] = LabelState.POSITIVE;
		}
		Path dir = imageDir != null ? imageDir : defaultImageDir(json);
		List<Image> sorted = new ArrayList<>(contents.images());
		sorted.sort((x, y) -> Long.compare(x.id(), y.id()));
		List<Sample> samples = new ArrayList<>();
		for (Image image : sorted) {
			LabelState[] row = labels.get(image.id());
			if (row != null) {
				samples
					.add(new Sample(SampleKeys.of(image.fileName()), dir.resolve(image.fileName()),
						Optional.empty(), LabelRow.of(row)));
			}
		}
		int skipped = sorted.size() - samples.size();
		List<String> notes = skipped == 0
			? List.of()
			: List.of("Skipped " + skipped + " of "
				+ sorted.size()
				+ " images that have no annotation, as the official CSRA preparation does.");
		return new Dataset(json.toString(), classes, samples, IgnoredLabelCounting.DROP, notes);
	}

	private static LabelState[] negatives(int size) {
		LabelState[] row = new LabelState[size];
		Arrays.fill(row, LabelState.NEGATIVE);
		return row;
	}

	private static ClassLabels classes(Path json, TreeMap<Long, String> categories) {
		if (categories.isEmpty()) {
			throw new DatasetException(
				json + " has no \"categories\"; give a COCO instances file.");
		}
		List<String> names = new ArrayList<>(categories.values());
		List<String> coco = ClassLabels.COCO2014;
		if (names.size() == coco.size()) {
			boolean same = true;
			for (int i = 0; i < names.size(); i++) {
				same &= normalised(names.get(i)).equals(normalised(coco.get(i)));
			}
			if (same) {
				return new ClassLabels(coco);
			}
		}
		return new ClassLabels(names);
	}

	private static String normalised(String name) {
		return name.toLowerCase(Locale.ROOT).replace('_', ' ').strip();
	}

	private static Path defaultImageDir(Path json) {
		Path annotations = json.toAbsolutePath().getParent();
		Path root = annotations.getParent() != null ? annotations.getParent() : annotations;
		String name = json.getFileName().toString().replaceFirst("^instances_", "")
			.replaceFirst("\\.json$", "");
		Path images = root.resolve("images").resolve(name);
		return Files.isDirectory(images) || !Files.isDirectory(root.resolve(name))
			? images
			: root.resolve(name);
	}

	private static Contents contents(Path json, JsonReader reader) throws IOException {
		if (reader.peek() != JsonToken.BEGIN_OBJECT) {
			throw JsonFiles.error(json, reader, "a COCO instances file is one object with images,"
				+ " annotations and categories; found " + reader.peek() + ".");
		}
		List<Image> images = null;
		List<Annotation> annotations = null;
		TreeMap<Long, String> categories = null;
		reader.beginObject();
		while (reader.hasNext()) {
			String name = reader.nextName();
			switch (name) {
				case "images" -> {
					List<Image> list = images = new ArrayList<>();
					JsonFields.forEachObject(json, reader, name, Set.of("id", "file_name"),
						f -> list.add(new Image(f.integer("id"), f.string("file_name"))));
				}
				case "annotations" -> {
					List<Annotation> list = annotations = new ArrayList<>();
					JsonFields.forEachObject(json, reader, name, Set.of("image_id", "category_id"),
						f -> list.add(new Annotation(f.integer("image_id"),
							f.integer("category_id"), f.line())));
				}
				case "categories" -> {
					TreeMap<Long, String> map = categories = new TreeMap<>();
					JsonFields.forEachObject(json, reader, name, Set.of("id", "name"), f -> {
						if (map.put(f.integer("id"), f.string("name")) != null) {
							throw f.error("category id " + f.integer("id")
								+ " appears twice; the file is damaged.");
						}
					});
				}
				default -> reader.skipValue();
			}
		}
		reader.endObject();
		if (images == null || annotations == null || categories == null) {
			throw new DatasetException(json + " lacks \"" + (images == null
				? "images"
				: annotations == null ? "annotations" : "categories")
				+ "\"; give a COCO instances file"
				+ " (annotations/instances_val2014.json).");
		}
		return new Contents(images, annotations, categories);
	}
}
