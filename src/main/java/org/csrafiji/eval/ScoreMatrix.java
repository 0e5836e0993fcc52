package org.csrafiji.eval;

import java.util.Arrays;

import org.csrafiji.core.ClassLabels;
import org.csrafiji.core.DatasetException;

/**
 * Predicted scores (sigmoid outputs, or any value where higher means more likely) for a set
 * of samples: one row per sample, one column per class of {@link #classes()}. Immutable;
 * every score is finite.
 */
public final class ScoreMatrix {

	private final ClassLabels classes;
	private final double[][] rows;

	/**
	 * @param classes the class names, in column order
	 * @param rows one row of scores per sample, each as long as {@code classes}; copied
	 */
	public ScoreMatrix(ClassLabels classes, double[][] rows) {
		double[][] copy = new double[rows.length][];
		for (int i = 0; i < rows.length; i++) {
			copy[i] = checkedRow(classes, rows[i], i);
		}
		this.classes = classes;
		this.rows = copy;
	}

	private static double[] checkedRow(ClassLabels classes, double[] row, int index) {
		if (row.length != classes.size()) {
			throw new DatasetException("Score row " + (index + 1) + " has " + row.length
				+ " scores but there are " + classes.size()
				+ " classes; give one score per class.");
		}
		for (int c = 0; c < row.length; c++) {
			if (!Double.isFinite(row[c])) {
				throw new DatasetException(
					"Score row " + (index + 1) + " has " + row[c] + " for class '"
						+ classes.name(c) + "'; scores must be finite numbers.");
			}
		}
		return row.clone();
	}

	/** @return the class names, in column order */
	public ClassLabels classes() {
		return classes;
	}

	/** @return the number of samples */
	public int sampleCount() {
		return rows.length;
	}

	/** @return the number of classes */
	public int classCount() {
		return classes.size();
	}

	/**
	 * @param sample sample index
	 * @param classIndex class index
	 * @return the score there
	 */
	public double get(int sample, int classIndex) {
		return rows[sample][classIndex];
	}

	/**
	 * @param sample sample index
	 * @return a copy of that sample's scores
	 */
	public double[] row(int sample) {
		return rows[sample].clone();
	}

	/**
	 * Keeps each sample's {@code k} highest scores and sets the others to 0, as the official
	 * top-3 evaluation does. Among equal scores the class with the lower index is kept first.
	 *
	 * @param k how many scores to keep per sample
	 * @return the new matrix
	 */
	public ScoreMatrix keepTop(int k) {
		if (k < 1) {
			throw new IllegalArgumentException("k must be at least 1, was " + k);
		}
		double[][] out = new double[rows.length][];
		for (int i = 0; i < rows.length; i++) {
			out[i] = new double[classes.size()];
			int[] order = Ranking.descending(rows[i]);
			for (int r = 0; r < Math.min(k, order.length); r++) {
				out[i][order[r]] = rows[i][order[r]];
			}
		}
		return new ScoreMatrix(classes, out);
	}

	@Override
	public String toString() {
		return "ScoreMatrix[" + rows.length + " x " + classes.size() + ", first row "
			+ (rows.length == 0 ? "-" : Arrays.toString(rows[0])) + "]";
	}
}
