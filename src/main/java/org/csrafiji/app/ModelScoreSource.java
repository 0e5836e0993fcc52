package org.csrafiji.app;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;

import org.csrafiji.core.ClassLabels;
import org.csrafiji.eval.ClassMatching;
import org.csrafiji.eval.Dataset;
import org.csrafiji.eval.ModelStamp;
import org.csrafiji.eval.Predictions;
import org.csrafiji.eval.PredictionsCsv;
import org.csrafiji.eval.PredictionsWriter;
import org.csrafiji.eval.ScoreSource;

/**
 * Scores from running a model over the dataset: the scores go to a predictions file first
 * ({@link DatasetScorer}, resuming from the rows it already holds), then are read back from it,
 * so that the metrics are those {@code evaluate --predictions} gives for that file. The file
 * records the model ({@link ModelStamp}); resuming a file of another model is refused.
 */
public final class ModelScoreSource implements ScoreSource {

	private final ModelStamp model;
	private final ClassLabels classes;
	private final DatasetScorer scorer;
	private final Path csv;
	private final DatasetProgress progress;
	private final Consumer<String> notes;
	private DatasetScorer.Result last;

	/**
	 * @param model the model, recorded in the file and named in messages
	 * @param classes the model's classes, in score order
	 * @param scorer runs the model
	 * @param csv the predictions file, created or resumed
	 * @param progress told how far a run has got
	 * @param notes told what resuming did to the file (an unfinished row cut off, ...)
	 */
	public ModelScoreSource(ModelStamp model, ClassLabels classes, DatasetScorer scorer, Path csv,
		DatasetProgress progress, Consumer<String> notes)
	{
		this.model = model;
		this.classes = classes;
		this.scorer = scorer;
		this.csv = csv;
		this.progress = progress;
		this.notes = notes;
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
		try (PredictionsWriter writer = PredictionsWriter.open(csv, classes, model)) {
			writer.notes().forEach(notes);
			last = scorer.score(dataset.samples(), writer, progress);
		}
		return PredictionsCsv.read(csv);
	}

	/**
	 * @param dataset the dataset to be scored
	 * @throws org.csrafiji.core.DatasetException naming the classes one side has and the other lacks
	 */
	public void requireSameClasses(Dataset dataset) {
		ClassMatching.indices(classes.names(), "the model " + model.name(), dataset.classes(),
			dataset.source());
	}

	/** @return what the last {@link #scoresFor} run did, empty before one finished */
	public Optional<DatasetScorer.Result> lastRun() {
		return Optional.ofNullable(last);
	}
}
