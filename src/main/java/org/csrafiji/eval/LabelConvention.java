package org.csrafiji.eval;

import java.util.Collection;
import java.util.List;
import java.util.Locale;

import org.csrafiji.core.ClassLabels;
import org.csrafiji.core.DatasetException;

/**
 * How the official CSRA prepared label lists ({@code [{"img_path", "target"[, "bbox"]}]})
 * encode labels, per dataset, and how the official evaluation counts their ignored labels.
 *
 * <ul>
 * <li>{@link #VOC07}: 1 positive, -1 negative, 0 difficult (ignored). This is the test list;
 * the official trainval list holds only 1 and 0 (difficult already made negative), so read it
 * as {@link #COCO}.</li>
 * <li>{@link #COCO}: 1 positive, 0 negative.</li>
 * <li>{@link #WIDER}: 1 positive, 0 negative, 99 unspecified (ignored; the official test list),
 * and -1 negative as in WIDER's own files.</li>
 * </ul>
 */
public enum LabelConvention {

	/** PASCAL VOC 2007 test: 1 / -1 / 0 = positive / negative / difficult. */
	VOC07(ClassLabels.VOC2007, IgnoredLabelCounting.DROP,
		"1 (positive), -1 (negative), 0 (difficult)"),
	/** COCO 2014 and any binary list: 1 / 0 = positive / negative. */
	COCO(ClassLabels.COCO2014, IgnoredLabelCounting.DROP, "1 (positive), 0 (negative)"),
	/** WIDER-Attribute: 1 / 0 or -1 / 99 = positive / negative / unspecified. */
	WIDER(ClassLabels.WIDER, IgnoredLabelCounting.AS_NEGATIVE,
		"1 (positive), 0 or -1 (negative), 99 (unspecified)");

	private final List<String> classes;
	private final IgnoredLabelCounting counting;
	private final String allowed;

	LabelConvention(List<String> classes, IgnoredLabelCounting counting, String allowed) {
		this.classes = classes;
		this.counting = counting;
		this.allowed = allowed;
	}

	/**
	 * @param value a target value from a prepared list
	 * @return its state, or null when this convention has no such value
	 */
	public LabelState decode(int value) {
		if (value == 1) {
			return LabelState.POSITIVE;
		}
		return switch (this) {
			case VOC07 ->
				value == -1 ? LabelState.NEGATIVE : value == 0 ? LabelState.IGNORED : null;
			case COCO -> value == 0 ? LabelState.NEGATIVE : null;
			case WIDER -> value == 0 || value == -1
				? LabelState.NEGATIVE
				: value == 99 ? LabelState.IGNORED : null;
		};
	}

	/** @return the values this convention allows, in words */
	public String allowedValues() {
		return allowed;
	}

	/** @return the dataset's class list in the official order */
	public ClassLabels defaultClasses() {
		return new ClassLabels(classes);
	}

	/** @return how the official evaluation counts ignored labels in precision and recall */
	public IgnoredLabelCounting ignoredCounting() {
		return counting;
	}

	/**
	 * @param name voc07 (or voc), coco, wider; any case
	 * @return the convention
	 */
	public static LabelConvention parse(String name) {
		return switch (name.toLowerCase(Locale.ROOT)) {
			case "voc07", "voc", "voc2007" -> VOC07;
			case "coco", "coco2014" -> COCO;
			case "wider" -> WIDER;
			default -> throw new DatasetException("Unknown label convention '" + name
				+ "'; choose voc07, coco or wider.");
		};
	}

	/**
	 * Guesses the convention of a prepared list from the target values it holds: 99 means
	 * WIDER, -1 (without 99) VOC07, anything else COCO.
	 *
	 * @param values the distinct target values of a file
	 * @return the convention
	 */
	public static LabelConvention detect(Collection<Integer> values) {
		if (values.contains(99)) {
			return WIDER;
		}
		return values.contains(-1) ? VOC07 : COCO;
	}
}
