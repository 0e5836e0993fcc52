package org.csrafiji.runtime;

import java.nio.file.Path;
import java.util.Optional;

import org.csrafiji.core.ClassLabels;
import org.csrafiji.eval.ClassMatching;
import org.csrafiji.eval.Dataset;
import org.csrafiji.eval.Predictions;
import org.csrafiji.eval.PredictionsCsv;
import org.csrafiji.eval.PredictionsWriter;
import org.csrafiji.eval.ScoreSource;

/**
 * Scores from running a model over the dataset: the scores go to a predictions file first
 * ({@link DatasetScorer}, resuming from the rows it already holds), then are read back from it,
 * so that the metrics are those {@code evaluate --predictions} gives for that file.
 */
public final class ModelScoreSource implements ScoreSource {

	private final String model;
	private final ClassLabels classes;
	private final DatasetScorer scorer;
	private final Path csv;
	private final DatasetProgress progress;
	private DatasetScorer.Result last;

	/**
	 * @param model the model's name, for messages
	 * @param classes the model's classes, in score order
	 * @param scorer runs the model
	 * @param csv the predictions file, created or resumed
	 * @param progress told how far a run has got
	 */
	public ModelScoreSource(String model, ClassLabels classes, DatasetScorer scorer, Path csv,
		DatasetProgress progress) {
		this.model = model;
		this.classes = classes;
		this.scorer = scorer;
		this.csv = csv;
		this.progress = progress;
	}

	@Override
	public ClassLabels classes() {
		return classes;
	}

	/**
	 * Checks that the dataset's classes are the model's (by name, as the evaluation matches them)
	 * before running anything, then scores the samples the file lacks.
	 */
	@Override
	public Predictions scoresFor(Dataset dataset) {
		requireSameClasses(dataset);
		try (PredictionsWriter writer = PredictionsWriter.open(csv, classes)) {
			last = scorer.score(dataset.samples(), writer, progress);
		}
		return PredictionsCsv.read(csv);
	}

	/**
	 * @param dataset the dataset to be scored
	 * @throws org.csrafiji.core.DatasetException naming the classes one side has and the other lacks
	 */
	public void requireSameClasses(Dataset dataset) {
		ClassMatching.indices(classes.names(), "the model " + model, dataset.classes(), dataset.source());
	}

	/** @return what the last {@link #scoresFor} run did, empty before one finished */
	public Optional<DatasetScorer.Result> lastRun() {
		return Optional.ofNullable(last);
	}
}
