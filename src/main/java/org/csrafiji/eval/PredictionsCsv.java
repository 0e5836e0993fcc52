package org.csrafiji.eval;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.csrafiji.core.ClassLabels;
import org.csrafiji.core.DatasetException;

/**
 * The predictions file: a header {@code image,<class1>,<class2>,...} and one row of scores per
 * image (or per crop, named {@code <image>#k}). Images are matched to labels by
 * {@link SampleKeys key}, so the image column may hold a file name or a path. Written by
 * {@link PredictionsWriter}, which only ever appends whole rows.
 */
public final class PredictionsCsv {

	private PredictionsCsv() {
	}

	/**
	 * @param csv the file
	 * @return its class columns, from the header only
	 */
	public static ClassLabels readClasses(Path csv) {
		return classes(csv, Csv.read(csv).get(0));
	}

	/**
	 * @param csv the file
	 * @return its scores, rows in file order, named by key
	 */
	public static Predictions read(Path csv) {
		List<Csv.Line> lines = Csv.read(csv);
		ClassLabels classes = classes(csv, lines.get(0));
		List<String> keys = new ArrayList<>(lines.size() - 1);
		double[][] rows = new double[lines.size() - 1][];
		Map<String, Integer> lineOf = new HashMap<>();
		for (int i = 1; i < lines.size(); i++) {
			Csv.Line line = lines.get(i);
			Csv.checkWidth(csv, line, classes.size() + 1);
			String key = SampleKeys.of(line.fields().get(0));
			Integer before = lineOf.put(key, line.number());
			if (before != null) {
				throw new DatasetException(csv + " line " + line.number() + ": image '" + key
					+ "' already has scores on line " + before + "; keep one row per image.");
			}
			keys.add(key);
			rows[i - 1] = scores(csv, line, classes);
		}
		return new Predictions(csv.toString(), keys, new ScoreMatrix(classes, rows));
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

	private static ClassLabels classes(Path csv, Csv.Line header) {
		List<String> fields = header.fields();
		if (fields.size() < 2 || !fields.get(0).equalsIgnoreCase("image")) {
			throw new DatasetException(csv + " line " + header.number() + ": a predictions file starts"
				+ " with the header image,<class1>,<class2>,...; found " + fields + ".");
		}
		try {
			return new ClassLabels(fields.subList(1, fields.size()));
		}
		catch (RuntimeException e) {
			throw new DatasetException(csv + " line " + header.number() + ": " + e.getMessage(), e);
		}
	}

	/**
	 * @param classes the class columns
	 * @return the header line, without line break
	 */
	static String header(ClassLabels classes) {
		StringBuilder sb = new StringBuilder("image");
		for (String name : classes.names()) {
			sb.append(',').append(Csv.quote(name));
		}
		return sb.toString();
	}
}
