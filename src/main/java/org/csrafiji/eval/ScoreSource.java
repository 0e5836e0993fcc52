package org.csrafiji.eval;

import java.nio.file.Path;

import org.csrafiji.core.ClassLabels;

/**
 * Where the scores of an evaluation come from: a predictions CSV now, a model run over the
 * dataset's images later. A source names its classes before scoring, so that label files
 * which do not name theirs (an {@code image,labels} CSV) can use the same list.
 */
public interface ScoreSource {

	/** @return the classes the scores are for, in column order */
	ClassLabels classes();

	/**
	 * @param dataset the samples to score; a source may score more, the matching is by key
	 * @return the scores, named by {@link Sample#key()}
	 */
	Predictions scoresFor(Dataset dataset);

	/**
	 * @param csv a predictions file as {@link PredictionsCsv} writes it
	 * @return a source reading it
	 */
	static ScoreSource csv(Path csv) {
		return new ScoreSource() {

			@Override
			public ClassLabels classes() {
				return PredictionsCsv.readClasses(csv);
			}

			@Override
			public Predictions scoresFor(Dataset dataset) {
				return PredictionsCsv.read(csv);
			}
		};
	}
}
