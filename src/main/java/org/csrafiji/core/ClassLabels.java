package org.csrafiji.core;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The ordered class names of a model: index i of a logit vector is class {@code names().get(i)}.
 * Built-in lists for the paper's datasets, generic names, or one name per line from a file.
 *
 * @param names class names in logit order; unique and non-blank
 */
public record ClassLabels(List<String> names) {

	/** The 20 PASCAL VOC 2007 classes in the official order. */
	public static final List<String> VOC2007 = List.of("aeroplane", "bicycle", "bird", "boat",
		"bottle", "bus", "car", "cat", "chair", "cow", "diningtable", "dog", "horse", "motorbike",
		"person", "pottedplant", "sheep", "sofa", "train", "tvmonitor");

	/** The 80 COCO 2014 categories in COCO's category-id order. */
	public static final List<String> COCO2014 = List.of("person", "bicycle", "car", "motorcycle",
		"airplane", "bus", "train", "truck", "boat", "traffic light", "fire hydrant", "stop sign",
		"parking meter", "bench", "bird", "cat", "dog", "horse", "sheep", "cow", "elephant", "bear",
		"zebra", "giraffe", "backpack", "umbrella", "handbag", "tie", "suitcase", "frisbee", "skis",
		"snowboard", "sports ball", "kite", "baseball bat", "baseball glove", "skateboard",
		"surfboard", "tennis racket", "bottle", "wine glass", "cup", "fork", "knife", "spoon",
		"bowl",
		"banana", "apple", "sandwich", "orange", "broccoli", "carrot", "hot dog", "pizza", "donut",
		"cake", "chair", "couch", "potted plant", "bed", "dining table", "toilet", "tv", "laptop",
		"mouse", "remote", "keyboard", "cell phone", "microwave", "oven", "toaster", "sink",
		"refrigerator", "book", "clock", "vase", "scissors", "teddy bear", "hair drier",
		"toothbrush");

	/** The 14 WIDER-Attribute attributes in the official order. */
	public static final List<String> WIDER = List.of("Male", "longHair", "sunglass", "Hat",
		"Tshirt", "longSleeve", "formal", "shorts", "jeans", "longPants", "skirt", "faceMask",
		"logo", "stripe");

	/** Checks the names and keeps an unmodifiable copy. */
	public ClassLabels {
		if (names == null || names.isEmpty()) {
			throw new ModelSpecException("A model needs at least one class name; none was given.");
		}
		Set<String> seen = new HashSet<>();
		for (String n : names) {
			if (n == null || n.isBlank()) {
				throw new ModelSpecException("Class names must not be blank (position "
					+ (seen.size() + 1) + "); give every class a name.");
			}
			if (!seen.add(n)) {
				throw new ModelSpecException("Class name '" + n
					+ "' appears twice; class names must be unique.");
			}
		}
		names = List.copyOf(names);
	}

	/** @return the number of classes */
	public int size() {
		return names.size();
	}

	/**
	 * @param index class index
	 * @return its name
	 */
	public String name(int index) {
		return names.get(index);
	}

	/**
	 * @param name a class name
	 * @return its index, or -1 when absent
	 */
	public int indexOf(String name) {
		return names.indexOf(name);
	}

	/**
	 * @param count number of classes
	 * @return class0 .. class{count-1}
	 */
	public static ClassLabels generic(int count) {
		List<String> list = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			list.add("class" + i);
		}
		return new ClassLabels(list);
	}

	/**
	 * Resolves a built-in list name (voc2007, coco2014, wider) or reads a text file with one
	 * class name per line (blank lines and lines starting with # skipped).
	 *
	 * @param nameOrFile built-in name or path
	 * @return the labels
	 */
	public static ClassLabels parse(String nameOrFile) {
		switch (nameOrFile.toLowerCase(Locale.ROOT)) {
			case "voc2007":
			case "voc":
				return new ClassLabels(VOC2007);
			case "coco2014":
			case "coco":
				return new ClassLabels(COCO2014);
			case "wider":
				return new ClassLabels(WIDER);
			default:
				return fromFile(Path.of(nameOrFile));
		}
	}

	/**
	 * @param file text file, one class name per line
	 * @return the labels
	 */
	public static ClassLabels fromFile(Path file) {
		if (!Files.isRegularFile(file)) {
			throw new ModelSpecException("Class list '" + file + "' is neither a built-in list "
				+ "(voc2007, coco2014, wider) nor a readable file; give one of those.");
		}
		try {
			List<String> list = new ArrayList<>();
			for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
				String t = line.strip();
				if (!t.isEmpty() && !t.startsWith("#")) {
					list.add(t);
				}
			}
			return new ClassLabels(list);
		}
		catch (IOException e) {
			throw new ModelSpecException("Cannot read class list '" + file + "': " + e.getMessage(),
				e);
		}
	}
}
