package org.csrafiji.eval;

import java.util.List;

import org.csrafiji.core.ClassLabels;
import org.csrafiji.core.DatasetException;

/**
 * Ground truth for a set of samples: one {@link LabelRow} per sample (image or person crop),
 * each with one {@link LabelState} per class of {@link #classes()}. Immutable.
 */
public final class LabelMatrix {

	private final ClassLabels classes;
	private final List<LabelRow> rows;

	/**
	 * @param classes the class names, in column order
	 * @param rows one row per sample, each as long as {@code classes}
	 */
	public LabelMatrix(ClassLabels classes, List<LabelRow> rows) {
		for (int i = 0; i < rows.size(); i++) {
			if (rows.get(i).size() != classes.size()) {
				throw new DatasetException("Label row " + (i + 1) + " has " + rows.get(i).size()
					+ " classes but the class list has " + classes.size()
					+ "; give every sample one label per class.");
			}
		}
		this.classes = classes;
		this.rows = List.copyOf(rows);
	}

	/** @return the class names, in column order */
	public ClassLabels classes() {
		return classes;
	}

	/** @return the number of samples */
	public int sampleCount() {
		return rows.size();
	}

	/** @return the number of classes */
	public int classCount() {
		return classes.size();
	}

	/**
	 * @param sample sample index
	 * @return that sample's row
	 */
	public LabelRow row(int sample) {
		return rows.get(sample);
	}

	/**
	 * @param sample sample index
	 * @param classIndex class index
	 * @return the ground truth there
	 */
	public LabelState get(int sample, int classIndex) {
		return rows.get(sample).get(classIndex);
	}

	/**
	 * @param classIndex class index
	 * @return how many samples are {@link LabelState#POSITIVE} for that class
	 */
	public int positiveCount(int classIndex) {
		int n = 0;
		for (LabelRow r : rows) {
			if (r.get(classIndex) == LabelState.POSITIVE) {
				n++;
			}
		}
		return n;
	}
}
