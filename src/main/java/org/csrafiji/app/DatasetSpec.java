package org.csrafiji.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import org.csrafiji.core.Setting;
import org.csrafiji.core.ClassLabels;
import org.csrafiji.core.DatasetException;
import org.csrafiji.eval.CocoReader;
import org.csrafiji.eval.Dataset;
import org.csrafiji.eval.LabelCsvReader;
import org.csrafiji.eval.VocReader;
import org.csrafiji.eval.WiderReader;

/**
 * A dataset named on the command line as {@code KIND:PATH}:
 * <ul>
 * <li>{@code voc2007:DIR}: VOCdevkit or its VOC2007 folder, the test split;</li>
 * <li>{@code coco2014:DIR}: the COCO folder holding {@code annotations/instances_val2014.json}
 * (images in {@code val2014} or {@code images/val2014} next to it), or that JSON file itself;</li>
 * <li>{@code wider:DIR}: the WIDER-Attribute folder holding
 * {@code Annotations/wider_attribute_test.json} (images in {@code Image}), or that JSON file;</li>
 * <li>{@code csv:FILE}: a label CSV, image paths relative to its folder.</li>
 * </ul>
 *
 * @param kind which reader
 * @param path the folder or file
 */
public record DatasetSpec(Kind kind, Path path) {

	/** The dataset layouts {@link DatasetSpec} reads. */
	public enum Kind {

		/** PASCAL VOC 2007, test split. */
		VOC2007,
		/** COCO 2014, validation instances. */
		COCO2014,
		/** WIDER-Attribute, test annotations. */
		WIDER,
		/** A label CSV. */
		CSV;

		/** @return the name on the command line */
		public String label() {
			return name().toLowerCase(Locale.ROOT);
		}
	}

	/** The accepted forms, for messages. */
	public static final String FORMS = "voc2007:DIR, coco2014:DIR, wider:DIR or csv:FILE";

	/**
	 * @param text {@code KIND:PATH}
	 * @return the spec
	 * @throws DatasetException when the kind is missing or unknown
	 */
	public static DatasetSpec parse(String text) {
		int colon = text.indexOf(':');
		String kind = colon < 0 ? "" : text.substring(0, colon).toLowerCase(Locale.ROOT);
		for (Kind k : Kind.values()) {
			if (k.label().equals(kind) && colon + 1 < text.length()) {
				return new DatasetSpec(k, Path.of(text.substring(colon + 1)));
			}
		}
		throw new DatasetException("The dataset '" + text + "' is not one of " + FORMS + " (kinds: "
			+ Arrays.stream(Kind.values()).map(Kind::label).collect(Collectors.joining(", "))
			+ ").",
			Setting.DATASET, text, null);
	}

	/**
	 * @param classes the classes of an {@code image,labels} CSV, which names none (the model's)
	 * @return the dataset
	 * @throws DatasetException when it cannot be read or lists no image
	 */
	public Dataset load(ClassLabels classes) {
		Dataset dataset = switch (kind) {
			case VOC2007 -> VocReader.read(path, "test");
			case COCO2014 ->
				CocoReader.read(file(Path.of("annotations", "instances_val2014.json")), null);
			case WIDER ->
				WiderReader.read(file(Path.of("Annotations", "wider_attribute_test.json")), null);
			case CSV -> LabelCsvReader.read(path, classes);
		};
		if (dataset.samples().isEmpty()) {
			throw new DatasetException(dataset.source() + " lists no image, so there is nothing to"
				+ " score; check the dataset path (a csv: dataset needs one row per image below its"
				+ " header).");
		}
		return dataset;
	}

	private Path file(Path usual) {
		if (!Files.isDirectory(path)) {
			return path;
		}
		Path json = path.resolve(usual);
		if (!Files.isRegularFile(json)) {
			throw new DatasetException(kind.label() + ":" + path + " has no " + usual
				+ "; give the folder"
				+ " that holds it, or the annotation file itself as " + kind.label() + ":FILE.");
		}
		return json;
	}
}
