package org.csrafiji.eval;

import java.util.ArrayList;
import java.util.List;

import org.csrafiji.core.ClassLabels;

/** Builds small label and score matrices for tests: labels as strings of P, N and I. */
final class Matrices {

	private Matrices() {}

	static LabelMatrix labels(String... rows) {
		List<LabelRow> list = new ArrayList<>();
		for (String row : rows) {
			LabelState[] states = new LabelState[row.length()];
			for (int c = 0; c < row.length(); c++) {
				states[c] = switch (row.charAt(c)) {
					case 'P' -> LabelState.POSITIVE;
					case 'N' -> LabelState.NEGATIVE;
					case 'I' -> LabelState.IGNORED;
					default -> throw new IllegalArgumentException(row);
				};
			}
			list.add(LabelRow.of(states));
		}
		return new LabelMatrix(ClassLabels.generic(rows[0].length()), list);
	}

	static ScoreMatrix scores(double[]... rows) {
		return new ScoreMatrix(ClassLabels.generic(rows[0].length), rows);
	}

	/** One class: labels as one string, one score per sample. */
	static LabelMatrix column(String labels) {
		String[] rows = new String[labels.length()];
		for (int i = 0; i < rows.length; i++) {
			rows[i] = labels.substring(i, i + 1);
		}
		return labels(rows);
	}

	static ScoreMatrix column(double... scores) {
		double[][] rows = new double[scores.length][];
		for (int i = 0; i < scores.length; i++) {
			rows[i] = new double[]{scores[i]};
		}
		return scores(rows);
	}
}
