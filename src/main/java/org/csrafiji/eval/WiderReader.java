package org.csrafiji.eval;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.csrafiji.core.ClassLabels;
import org.csrafiji.core.DatasetException;

import com.google.gson.JsonElement;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;

/**
 * Reads WIDER-Attribute's own annotation files ({@code Annotations/wider_attribute_test.json},
 * {@code wider_attribute_trainval.json}): one sample per person, cropped by its bbox
 * {@code [x, y, w, h]}, with the 14 attributes of {@link ClassLabels#WIDER} encoded 1 (positive),
 * -1 (negative) and 0 (unspecified, read as {@link LabelState#IGNORED}; the official test list
 * writes 99 for it, the official trainval list 0 = negative). Samples are keyed
 * {@code <image name>#k}, k counting the image's persons from 0. The official evaluation counts
 * unspecified attributes as negatives in precision and recall, so the dataset says
 * {@link IgnoredLabelCounting#AS_NEGATIVE}.
 */
public final class WiderReader {

	private static final ClassLabels CLASSES = new ClassLabels(ClassLabels.WIDER);

	private WiderReader() {}

	/**
	 * @param json the annotation file
	 * @param imageDir the folder holding the images' file_name, or null for {@code Image} next to
	 *        the annotation folder (the official layout)
	 * @return the dataset, persons in file order
	 */
	public static Dataset read(Path json, Path imageDir) {
		Path annotations = json.toAbsolutePath().getParent();
		Path dir = imageDir != null
			? imageDir
			: (annotations.getParent() != null ? annotations.getParent() : annotations)
				.resolve("Image");
		List<Sample> samples = JsonFiles.parse(json, reader -> samples(json, dir, reader));
		if (samples.isEmpty()) {
			throw new DatasetException(
				json + " holds no person; give a WIDER-Attribute annotation file.");
		}
		return new Dataset(json.toString(), CLASSES, samples, IgnoredLabelCounting.AS_NEGATIVE,
			List.of());
	}

	private static List<Sample> samples(Path json, Path dir, JsonReader reader) throws IOException {
		if (reader.peek() != JsonToken.BEGIN_OBJECT) {
			throw JsonFiles.error(json, reader,
				"a WIDER-Attribute annotation file is one object with"
					+ " \"images\"; found " + reader.peek() + ".");
		}
		List<Sample> samples = null;
		reader.beginObject();
		while (reader.hasNext()) {
			if (reader.nextName().equals("images")) {
				samples = images(json, dir, reader);
			}
			else {
				reader.skipValue();
			}
		}
		reader.endObject();
		if (samples == null) {
			throw new DatasetException(
				json + " lacks \"images\"; give a WIDER-Attribute annotation file"
					+ " (Annotations/wider_attribute_test.json).");
		}
		return samples;
	}

	private static List<Sample> images(Path json, Path dir, JsonReader reader) throws IOException {
		List<Sample> samples = new ArrayList<>();
		JsonFields.forEachObject(json, reader, "images", Set.of("file_name", "targets"), image -> {
			String fileName = image.string("file_name");
			JsonElement targets = image.required("targets");
			if (!targets.isJsonArray()) {
				throw image.error("\"targets\" must be a list of persons.");
			}
			int k = 0;
			for (JsonElement person : targets.getAsJsonArray()) {
				if (!person.isJsonObject()) {
					throw image.error(
						"each person in \"targets\" must be an object with attribute and bbox.");
				}
				JsonFields fields = new JsonFields(json, image.line(),
					person.getAsJsonObject().asMap());
				samples.add(new Sample(SampleKeys.ofCrop(fileName, k), dir.resolve(fileName),
					Optional.of(box(fields)), attributes(fields, fileName, k)));
				k++;
			}
		});
		return samples;
	}

	private static CropBox box(JsonFields person) {
		double[] bbox = person.numbersOrNull("bbox");
		if (bbox == null || bbox.length != 4) {
			throw person.error("a person's bbox is missing or not [x, y, width, height].");
		}
		return new CropBox(bbox[0], bbox[1], bbox[2], bbox[3]);
	}

	private static LabelRow attributes(JsonFields person, String fileName, int k) {
		double[] attributes = person.numbersOrNull("attribute");
		if (attributes == null || attributes.length != CLASSES.size()) {
			throw person.error("person " + k + " of " + fileName + " has "
				+ (attributes == null ? "no attribute list" : attributes.length + " attributes")
				+ " but WIDER-Attribute has " + CLASSES.size() + "; give one value per attribute.");
		}
		LabelState[] states = new LabelState[attributes.length];
		for (int c = 0; c < states.length; c++) {
			double v = attributes[c];
			states[c] = v == 1
				? LabelState.POSITIVE
				: v == -1
					? LabelState.NEGATIVE
					: v == 0 ? LabelState.IGNORED : null;
			if (states[c] == null) {
				throw person.error("attribute '" + CLASSES.name(c) + "' of person " + k + " of "
					+ fileName
					+ " is " + v
					+ "; WIDER-Attribute uses 1 (positive), -1 (negative) and 0 (unspecified).");
			}
		}
		return LabelRow.of(states);
	}
}
