package org.csrafiji.eval;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.csrafiji.core.ClassLabels;
import org.csrafiji.core.DatasetException;

import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;

/**
 * Reads the label lists the official CSRA preparation scripts write
 * ({@code test_voc07.json}, {@code val_coco2014.json}, {@code test_wider.json}):
 * {@code [{"img_path": ..., "target": [...], "bbox": [x, y, w, h]}, ...]}, bbox only for WIDER.
 * Target values follow a {@link LabelConvention}, given or guessed from the values. The file
 * names no classes: a target of 20 values is read as VOC 2007, 80 as COCO 2014 and 14 as WIDER,
 * each in its official order; any other length takes the class list given as fallback.
 * A relative img_path is taken relative to the JSON file's folder. Samples with a bbox are
 * keyed {@code name#k}, k counting that image's boxes from 0 in file order.
 */
public final class PreparedJsonReader {

	private record Entry(String where, String imagePath, int[] target, double[] bbox) {}

	private PreparedJsonReader() {}

	/**
	 * @param json the list
	 * @param convention how targets are encoded, or null to guess from the values
	 * @param fallbackClasses the class names when the target length is not a known dataset's, or null
	 * @return the dataset
	 */
	public static Dataset read(Path json, LabelConvention convention, ClassLabels fallbackClasses) {
		List<Entry> entries = JsonFiles.parse(json, reader -> entries(json, reader));
		if (entries.isEmpty()) {
			throw new DatasetException(
				json + " holds an empty list; it needs one entry per image.");
		}
		Set<Integer> values = new TreeSet<>();
		for (Entry e : entries) {
			for (int v : e.target()) {
				values.add(v);
			}
		}
		LabelConvention used = convention != null ? convention : LabelConvention.detect(values);
		ClassLabels names = classesFor(json, entries.get(0), fallbackClasses);
		List<Sample> samples = new ArrayList<>(entries.size());
		Map<String, Integer> cropsSoFar = new HashMap<>();
		for (Entry e : entries) {
			samples.add(sample(json, e, used, names, cropsSoFar));
		}
		List<String> notes = new ArrayList<>();
		if (convention == null) {
			notes.add("Read the targets of " + json.getFileName() + " as " + used + " (values "
				+ values + "); pass the convention to choose another.");
		}
		return new Dataset(json.toString(), names, samples, used.ignoredCounting(), notes);
	}

	private static ClassLabels classesFor(Path json, Entry first, ClassLabels fallback) {
		int length = first.target().length;
		if (length == ClassLabels.VOC2007.size()) {
			return new ClassLabels(ClassLabels.VOC2007);
		}
		if (length == ClassLabels.COCO2014.size()) {
			return new ClassLabels(ClassLabels.COCO2014);
		}
		if (length == ClassLabels.WIDER.size()) {
			return new ClassLabels(ClassLabels.WIDER);
		}
		if (fallback == null) {
			throw new DatasetException(json + " " + first.where() + ": the target has " + length
				+ " values, which is not VOC 2007 (20), COCO 2014 (80) or WIDER (14); give the class list.");
		}
		return fallback;
	}

	private static Sample sample(Path json, Entry e, LabelConvention convention,
		ClassLabels classes,
		Map<String, Integer> cropsSoFar)
	{
		if (e.target().length != classes.size()) {
			throw new DatasetException(json + " " + e.where() + ": target has " + e.target().length
				+ " values but there are " + classes.size() + " classes; give the class list that"
				+ " matches the file.");
		}
		LabelState[] states = new LabelState[classes.size()];
		for (int c = 0; c < states.length; c++) {
			states[c] = convention.decode(e.target()[c]);
			if (states[c] == null) {
				throw new DatasetException(
					json + " " + e.where() + ": target value " + e.target()[c]
						+ " (class '" + classes.name(c) + "') is not allowed in the " + convention
						+ " convention, which has " + convention.allowedValues()
						+ "; choose the matching"
						+ " convention.");
			}
		}
		Path image = json.toAbsolutePath().getParent().resolve(e.imagePath());
		if (e.bbox() == null) {
			return new Sample(SampleKeys.of(e.imagePath()), image, Optional.empty(),
				LabelRow.of(states));
		}
		int index = cropsSoFar.merge(e.imagePath(), 1, Integer::sum) - 1;
		CropBox box = new CropBox(e.bbox()[0], e.bbox()[1], e.bbox()[2], e.bbox()[3]);
		return new Sample(SampleKeys.ofCrop(e.imagePath(), index), image, Optional.of(box),
			LabelRow.of(states));
	}

	private static List<Entry> entries(Path json, JsonReader reader) throws IOException {
		if (reader.peek() != JsonToken.BEGIN_ARRAY) {
			throw JsonFiles.error(json, reader,
				"expected a list of {\"img_path\", \"target\"} entries,"
					+ " found " + reader.peek() + "; give an official prepared list.");
		}
		List<Entry> entries = new ArrayList<>();
		JsonFields.forEachObject(json, reader, "entries", Set.of("img_path", "target", "bbox"),
			f -> {
				String where = "line " + f.line();
				String imagePath = f.string("img_path");
				f.required("target");
				double[] bbox = f.numbersOrNull("bbox");
				if (bbox != null && bbox.length != 4) {
					throw f
						.error("bbox has " + bbox.length + " values; give [x, y, width, height].");
				}
				entries.add(new Entry(where, imagePath,
					integers(json, where, f.numbersOrNull("target")), bbox));
			});
		return entries;
	}

	private static int[] integers(Path json, String where, double[] values) {
		int[] out = new int[values.length];
		for (int i = 0; i < values.length; i++) {
			out[i] = (int) values[i];
			if (out[i] != values[i]) {
				throw new DatasetException(json + " " + where + ": target value " + values[i]
					+ " is not a whole number; targets are 1, 0, -1 or 99.");
			}
		}
		return out;
	}
}
