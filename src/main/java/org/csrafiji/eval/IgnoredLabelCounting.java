package org.csrafiji.eval;

/**
 * How {@link LabelState#IGNORED} entries enter the threshold metrics (CP, CR, OP, OR and their
 * F1s). Average precision always drops them.
 */
public enum IgnoredLabelCounting {
	/**
	 * Dropped from the class's counts, as the official code does for VOC 2007 difficult labels:
	 * a prediction on an ignored entry is neither a true nor a false positive.
	 */
	DROP,
	/**
	 * Counted as negatives, as the official code does for WIDER-Attribute's unspecified (99)
	 * labels in its precision/recall metrics: a prediction on such an entry is a false positive.
	 */
	AS_NEGATIVE
}
