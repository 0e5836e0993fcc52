package org.csrafiji.eval;

import java.util.ArrayList;
import java.util.List;

import org.csrafiji.core.ClassLabels;
import org.csrafiji.core.DatasetException;

/**
 * A labelled set of samples read from one label source, in the source's order.
 *
 * @param source what it was read from (a file or folder), for messages
 * @param classes the class names, in label order
 * @param samples the samples, each with one label per class
 * @param ignoredCounting how the official evaluation of this kind of data counts ignored labels
 *        in precision and recall ({@link IgnoredLabelCounting#AS_NEGATIVE} for WIDER-Attribute,
 *        {@link IgnoredLabelCounting#DROP} otherwise)
 * @param notes what the reader did that a user should know, e.g. images skipped
 */
public record Dataset(String source, ClassLabels classes, List<Sample> samples,
	IgnoredLabelCounting ignoredCounting, List<String> notes)
{

	/** Checks that every sample has one label per class; keeps unmodifiable copies. */
	public Dataset {
		for (Sample s : samples) {
			if (s.labels().size() != classes.size()) {
				throw new DatasetException(
					source + ": sample '" + s.key() + "' has " + s.labels().size()
						+ " labels but the dataset has " + classes.size() + " classes.");
			}
		}
		samples = List.copyOf(samples);
		notes = List.copyOf(notes);
	}

	/** @return the labels of all samples, in sample order */
	public LabelMatrix labelMatrix() {
		List<LabelRow> rows = new ArrayList<>(samples.size());
		for (Sample s : samples) {
			rows.add(s.labels());
		}
		return new LabelMatrix(classes, rows);
	}
}
