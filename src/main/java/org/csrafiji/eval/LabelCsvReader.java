package org.csrafiji.eval;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import org.csrafiji.core.ClassLabels;
import org.csrafiji.core.DatasetException;

/**
 * Reads a user's own labels from CSV, in one of two layouts chosen by the header:
 * <ul>
 * <li>{@code image,<class1>,<class2>,...}: one column per class, cells 1 (positive),
 * 0 (negative) or empty (ignored: neither counted as present nor as absent). The columns name
 * the classes, in their order.</li>
 * <li>{@code image,labels}: the positive class names joined by {@code ;} (an empty cell means
 * none), every other class negative. The class list is the given one (a model's, say) or, when
 * none is given, every name the file uses in sorted (Unicode) order, so that the order does not
 * depend on the order of the rows.</li>
 * </ul>
 * Image paths are taken relative to the CSV file's folder; samples are keyed by file name
 * without extension ({@link SampleKeys}). The file is read in the {@link Csv} dialect: fields
 * may be quoted with {@code "} (a quote inside written {@code ""}, line breaks allowed inside),
 * blank lines are skipped.
 */
public final class LabelCsvReader {

	private LabelCsvReader() {}

	/**
	 * @param csv the file
	 * @param listClasses the classes of the {@code image,labels} layout, or null to collect them
	 *        from the file; the class-column layout names its own and ignores this
	 * @return the dataset
	 */
	public static Dataset read(Path csv, ClassLabels listClasses) {
		List<Csv.Line> lines = Csv.read(csv);
		List<String> header = lines.get(0).fields();
		if (header.size() < 2 || !header.get(0).equalsIgnoreCase("image")) {
			throw new DatasetException(
				csv + " line " + lines.get(0).number() + ": the header must start"
					+ " with 'image' followed by the class names (or by 'labels'), found " + header
					+ ".");
		}
		List<Csv.Line> rows = lines.subList(1, lines.size());
		ClassLabels names;
		List<Sample> samples;
		if (header.size() == 2 && header.get(1).equalsIgnoreCase("labels")) {
			names = listClasses != null ? listClasses : collectedClasses(csv, rows);
			samples = fromLists(csv, rows, names, listClasses == null);
		}
		else {
			names = classLabels(csv, header.subList(1, header.size()));
			samples = fromColumns(csv, header, rows, names);
		}
		return new Dataset(csv.toString(), names, samples, IgnoredLabelCounting.DROP, List.of());
	}

	private static List<Sample> fromColumns(Path csv, List<String> header, List<Csv.Line> rows,
		ClassLabels target)
	{
		List<Sample> samples = new ArrayList<>(rows.size());
		for (Csv.Line line : rows) {
			Csv.checkWidth(csv, line, header.size());
			LabelState[] states = new LabelState[target.size()];
			for (int c = 0; c < states.length; c++) {
				String cell = line.fields().get(c + 1);
				states[c] = switch (cell) {
					case "1" -> LabelState.POSITIVE;
					case "0" -> LabelState.NEGATIVE;
					case "" -> LabelState.IGNORED;
					default -> throw new DatasetException(csv + " line " + line.number() + ": '"
						+ cell
						+ "' for class '" + target.name(c) + "' is not a label; write 1 (positive),"
						+ " 0 (negative) or leave the cell empty (ignored).");
				};
			}
			samples.add(sample(csv, line, states));
		}
		return samples;
	}

	private static List<Sample> fromLists(Path csv, List<Csv.Line> rows, ClassLabels classes,
		boolean collected)
	{
		List<Sample> samples = new ArrayList<>(rows.size());
		for (Csv.Line line : rows) {
			Csv.checkWidth(csv, line, 2);
			LabelState[] states = new LabelState[classes.size()];
			Arrays.fill(states, LabelState.NEGATIVE);
			for (String name : names(line)) {
				int c = classes.indexOf(name);
				if (c < 0) {
					throw new DatasetException(
						csv + " line " + line.number() + ": unknown class '" + name
							+ "'; the classes are " + classes.names()
							+ (collected ? "" : ", as given") + ".");
				}
				states[c] = LabelState.POSITIVE;
			}
			samples.add(sample(csv, line, states));
		}
		return samples;
	}

	private static ClassLabels collectedClasses(Path csv, List<Csv.Line> rows) {
		Set<String> all = new TreeSet<>();
		for (Csv.Line line : rows) {
			Csv.checkWidth(csv, line, 2);
			all.addAll(names(line));
		}
		if (all.isEmpty()) {
			throw new DatasetException(
				csv + " names no class in its labels column; give the class list"
					+ " or at least one label.");
		}
		return new ClassLabels(new ArrayList<>(all));
	}

	private static Set<String> names(Csv.Line line) {
		Set<String> names = new LinkedHashSet<>();
		for (String part : line.fields().get(1).split(";")) {
			if (!part.isBlank()) {
				names.add(part.strip());
			}
		}
		return names;
	}

	private static ClassLabels classLabels(Path csv, List<String> columns) {
		Set<String> seen = new LinkedHashSet<>();
		for (String name : columns) {
			if (name.isEmpty() || !seen.add(name.toLowerCase(Locale.ROOT))) {
				throw new DatasetException(
					csv + " line 1: class column '" + name + "' is empty or appears"
						+ " twice; give every class one named column.");
			}
		}
		return new ClassLabels(columns);
	}

	private static Sample sample(Path csv, Csv.Line line, LabelState[] states) {
		String image = line.fields().get(0);
		if (image.isEmpty()) {
			throw new DatasetException(
				csv + " line " + line.number() + " has no image name; give one"
					+ " in the first column.");
		}
		return Sample.whole(csv.toAbsolutePath().getParent().resolve(image), LabelRow.of(states));
	}
}
