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
 * {@code <image>#k}), in the {@link Csv} dialect. Images are matched to labels by
 * {@link SampleKeys key}, so the image column may hold a file name or a path. Written by
 * {@link PredictionsWriter}, which only ever appends whole rows. Read as a stream.
 */
public final class PredictionsCsv {

	/** The first column's name. */
	static final String IMAGE = "image";

	private PredictionsCsv() {
	}

	/**
	 * @param csv the file
	 * @return its class columns, from the header only
	 */
	public static ClassLabels readClasses(Path csv) {
		try (CsvReader in = open(csv)) {
			return classes(csv, header(in));
		}
	}

	/**
	 * @param csv the file
	 * @return its scores, rows in file order, named by key
	 */
	public static Predictions read(Path csv) {
		try (CsvReader in = open(csv)) {
			CsvReader.Record header = header(in);
			ClassLabels classes = classes(csv, header);
			List<String> keys = new ArrayList<>();
			List<double[]> rows = new ArrayList<>();
			Map<String, Long> lineOf = new HashMap<>();
			for (CsvReader.Record r; (r = in.next()) != null;) {
				Csv.Line line = new Csv.Line(r.line(), in.requireComplete(r).fields());
				Csv.checkWidth(csv, line, classes.size() + 1);
				String key = SampleKeys.of(line.fields().get(0));
				Long before = lineOf.put(key, line.number());
				if (before != null) {
					throw new DatasetException(csv + " line " + line.number() + ": image '" + key
						+ "' already has scores on line " + before + " (two runs may have written this file"
						+ " at once); keep one row per image, or delete the file and score again.");
				}
				keys.add(key);
				rows.add(scores(csv, line, classes));
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
			throw new DatasetException(in.file() + " is empty; it needs a header line and one line per"
				+ " image.");
		}
		return in.requireComplete(first);
	}

	private static double[] scores(Path csv, Csv.Line line, ClassLabels classes) {
		double[] scores = new double[classes.size()];
		for (int c = 0; c < scores.length; c++) {
			String cell = line.fields().get(c + 1);
			try {
				scores[c] = Double.parseDouble(cell);
			}
			catch (NumberFormatException e) {
				scores[c] = Double.NaN;
			}
			if (!Double.isFinite(scores[c])) {
				throw new DatasetException(csv + " line " + line.number() + ": the score of class '"
					+ classes.name(c) + "' is '" + cell + "', not a finite number; write one number per class.");
			}
		}
		return scores;
	}

	private static ClassLabels classes(Path csv, CsvReader.Record header) {
		List<String> fields = header.fields();
		if (fields.size() < 2 || !fields.get(0).equalsIgnoreCase(IMAGE)) {
			throw new DatasetException(csv + " line " + header.line() + ": a predictions file starts"
				+ " with the header image,<class1>,<class2>,...; found " + fields + ".");
		}
		try {
			return new ClassLabels(fields.subList(1, fields.size()));
		}
		catch (RuntimeException e) {
			throw new DatasetException(csv + " line " + header.line() + ": " + e.getMessage(), e);
		}
	}
}
