package org.csrafiji.render;

import ij.measure.ResultsTable;

import org.csrafiji.app.Labels;
import org.csrafiji.core.Prediction;
import org.csrafiji.runtime.SlicePrediction;

import java.util.List;
import java.util.Set;

/**
 * Appends predictions to the "CSRA Results" table: one row per image slice with the image
 * title, its C, Z and T, the predicted labels joined by ";" (highest score first), then one
 * column per class holding its score. A class whose name is one of the fixed columns gets
 * the column "score &lt;name&gt;". Scores always show {@value #SCORE_DECIMALS} decimals, so
 * that a score of exactly 1 reads 1.000 like its neighbours (ImageJ's automatic format would
 * write it as 1).
 */
public final class ResultsTableWriter {

	/** Fixed column names. */
	public static final List<String> FIXED = List.of("Image", "C", "Z", "T", "Labels");

	/** Decimals shown (and saved) for every score column. */
	public static final int SCORE_DECIMALS = 3;

	private static final Set<String> RESERVED = Set.copyOf(FIXED);

	private final ResultsTables tables;

	/** @param tables where the table lives */
	public ResultsTableWriter(ResultsTables tables) {
		this.tables = tables;
	}

	/**
	 * @param imageTitle the image's title
	 * @param slices its predictions
	 * @param threshold a class is listed when its score exceeds this
	 * @return the table, with the new rows at the end (shown when there is a UI)
	 */
	public ResultsTable write(String imageTitle, List<SlicePrediction> slices, double threshold) {
		ResultsTable rt = tables.current();
		synchronized (rt) {
			for (SlicePrediction sp : slices) {
				Prediction p = sp.prediction();
				rt.incrementCounter();
				rt.addValue("Image", imageTitle);
				rt.addValue("C", sp.position().channel());
				rt.addValue("Z", sp.position().slice());
				rt.addValue("T", sp.position().frame());
				rt.addValue("Labels", Labels.joined(p, threshold));
				for (int c = 0; c < p.scores().length; c++) {
					String column = scoreColumn(p.labels().name(c));
					rt.addValue(column, p.scores()[c]);
					rt.setDecimalPlaces(rt.getColumnIndex(column), SCORE_DECIMALS);
				}
			}
		}
		tables.show();
		return rt;
	}

	/**
	 * @param className a class name
	 * @return the column holding its score
	 */
	public static String scoreColumn(String className) {
		return RESERVED.contains(className) ? "score " + className : className;
	}
}
