package org.csrafiji.eval;

/** The ground truth of one class for one image (or one person crop). */
public enum LabelState {
	/** The class is present. */
	POSITIVE,
	/** The class is absent. */
	NEGATIVE,
	/**
	 * The class is neither counted as present nor as absent: a VOC class seen only on objects
	 * marked difficult, a WIDER attribute marked unspecified, an empty cell in a label CSV.
	 * Such entries are dropped from that class's ranking (average precision) and, by default,
	 * from its threshold counts.
	 */
	IGNORED
}
