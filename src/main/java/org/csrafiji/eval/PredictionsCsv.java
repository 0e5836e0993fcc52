package org.csrafiji.eval;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.csrafiji.core.ClassLabels;
import org.csrafiji.core.DatasetException;

/**
 * The predictions file: an optional first record naming the model that wrote it
 * ({@link ModelStamp}: {@code #csra-model,name=NAME,checkpoint_sha256=HEX}), a header
 * {@code image,<class1>,<class2>,...} and one row of scores per image (or per crop, named
 * {@code <image>#k}), in the {@link Csv} dialect. The one predictions format of the project:
 * the image column may be followed by a {@code labels} column (the predicted names) before the
 * scores, and when it is called {@code file} by the columns {@link #DETAILS} of a batch, so the CSV
 * of a batch ({@code file,c,z,t,labels,error,<class...>}) and the {@code labels.csv} of
 * {@code attention} ({@code image,labels,<class...>}) are predictions files too. A row with an error holds no scores
 * and is left out; a row of a slice other than the first of a stack is refused (one row per image). Images are matched to labels by
 * {@link SampleKeys key}, so the image column may hold a file name or a path. Written by
 * {@link PredictionsWriter}, which only ever appends whole rows. Read as a stream.
 */
public final class PredictionsCsv {

	/** The first column's name. */
	static final String IMAGE = "image";

	/** The first column's name in a batch CSV. */
	static final String FILE = "file";

	/** The columns that follow the file column of a batch CSV before the scores, in this order. */
	public static final List<String> DETAILS = List.of("c", "z", "t", "labels", "error");

	/** Where the scores begin and where the details are, from a header. */
	private record Layout(ClassLabels classes, int first, Map<String, Integer> details) {}

	private PredictionsCsv() {}

	/**
	 * @param csv the file
	 * @return its class columns, from the header only
	 */
	public static ClassLabels readClasses(Path csv) {
		try (CsvReader in = open(csv)) {
			return layout(csv, header(in)).classes();
		}
	}

	/**
	 * @param csv the file
	 * @return its scores, rows in file order, named by key
	 */
	public static Predictions read(Path csv) {
		try (CsvReader in = open(csv)) {
			Layout layout = layout(csv, header(in));
			ClassLabels classes = layout.classes();
			List<String> keys = new ArrayList<>();
			List<double[]> rows = new ArrayList<>();
			Map<String, Long> lineOf = new HashMap<>();
			for (CsvReader.Record r; (r = in.next()) != null;) {
				Csv.Line line = new Csv.Line(r.line(), in.requireComplete(r).fields());
				Csv.checkWidth(csv, line, classes.size() + layout.first());
				if (!usable(csv, line, layout)) {
					continue;
				}
				String key = SampleKeys.of(line.fields().get(0));
				Long before = lineOf.put(key, line.number());
				if (before != null) {
					throw new DatasetException(csv + " line " + line.number() + ": image '" + key
						+ "' already has scores on line " + before
						+ " (two runs may have written this file"
						+ " at once); keep one row per image, or delete the file and score again.");
				}
				keys.add(key);
				rows.add(scores(csv, line, layout));
			}
			return new Predictions(csv.toString(), keys, new ScoreMatrix(classes, rows.toArray(
				new double[0][])));
		}
	}

	private static CsvReader open(Path csv) {
		InputFiles.requireFile(csv, "The predictions file");
		return CsvReader.open(csv);
	}

	/** The header record, after the model line if there is one. */
	private static CsvReader.Record header(CsvReader in) {
		CsvReader.Record first = in.next();
		if (first != null && ModelStamp.parse(first.fields()) != null) {
			first = in.next();
		}
		if (first == null) {
			throw new DatasetException(
				in.file() + " is empty; it needs a header line and one line per"
					+ " image.");
		}
		return in.requireComplete(first);
	}

	/** @return false for a row with an error (no scores); refuses a later slice of a stack */
	private static boolean usable(Path csv, Csv.Line line, Layout layout) {
		Integer error = layout.details().get("error");
		if (error != null && !line.fields().get(error).isBlank()) {
			return false;
		}
		for (String axis : List.of("c", "z", "t")) {
			Integer at = layout.details().get(axis);
			if (at != null && !line.fields().get(at).isBlank()
				&& !line.fields().get(at).strip().equals("1"))
			{
				throw new DatasetException(csv + " line " + line.number() + ": a row for " + axis
					+ "="
					+ line.fields().get(at)
					+ " of a stack; an evaluation needs one row per image, so keep only"
					+ " the rows of the first slice (c=1, z=1, t=1) or classify single-plane images.");
			}
		}
		return true;
	}

	private static double[] scores(Path csv, Csv.Line line, Layout layout) {
		ClassLabels classes = layout.classes();
		double[] scores = new double[classes.size()];
		for (int c = 0; c < scores.length; c++) {
			String cell = line.fields().get(c + layout.first());
			try {
				scores[c] = Double.parseDouble(cell);
			}
			catch (NumberFormatException e) {
				scores[c] = Double.NaN;
			}
			if (!Double.isFinite(scores[c])) {
				throw new DatasetException(csv + " line " + line.number() + ": the score of class '"
					+ classes.name(c) + "' is '" + cell
					+ "', not a finite number; write one number per class.");
			}
		}
		return scores;
	}

	private static Layout layout(Path csv, CsvReader.Record header) {
		List<String> fields = header.fields();
		if (fields.size() < 2 || !(fields.get(0).equalsIgnoreCase(IMAGE) || fields.get(0)
			.equalsIgnoreCase(FILE)))
		{
			throw new DatasetException(csv + " line " + header.line()
				+ ": a predictions file starts"
				+ " with the header image,<class1>,<class2>,... (or file,c,z,t,labels,error,<class1>,..."
				+ " as a batch writes it); found " + fields + ".");
		}
		// a batch CSV: its fixed columns; an attention labels.csv: image,labels
		List<String> detailColumns = fields.get(0).equalsIgnoreCase(FILE)
			? DETAILS
			: List.of("labels");
		Map<String, Integer> details = new HashMap<>();
		int first = 1;
		for (String column : detailColumns) {
			if (first < fields.size() && fields.get(first).equals(column)) {
				details.put(column, first++);
			}
		}
		if (first == fields.size()) {
			throw new DatasetException(csv + " line " + header.line()
				+ ": the header names no class"
				+ " after " + fields + "; a predictions file has one column of scores per class.");
		}
		try {
			return new Layout(new ClassLabels(fields.subList(first, fields.size())), first,
				details);
		}
		catch (RuntimeException e) {
			throw new DatasetException(csv + " line " + header.line() + ": " + e.getMessage(), e);
		}
	}
}
