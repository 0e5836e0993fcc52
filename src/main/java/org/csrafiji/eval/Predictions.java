package org.csrafiji.eval;

import java.util.List;

import org.csrafiji.core.DatasetException;

/**
 * Scores for a set of samples, named by their {@link SampleKeys keys}.
 *
 * @param source where they come from (a file, a model), for messages
 * @param keys one key per score row, unique
 * @param scores the scores, with their class names
 */
public record Predictions(String source, List<String> keys, ScoreMatrix scores) {

	/** Checks that there is one key per row; keeps an unmodifiable copy. */
	public Predictions {
		if (keys.size() != scores.sampleCount()) {
			throw new DatasetException(source + ": " + keys.size() + " image names for "
				+ scores.sampleCount() + " score rows.");
		}
		keys = List.copyOf(keys);
	}
}
