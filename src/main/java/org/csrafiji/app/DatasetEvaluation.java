package org.csrafiji.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.csrafiji.core.CsraException;
import org.csrafiji.core.DatasetException;
import org.csrafiji.core.OutputFileException;
import org.csrafiji.eval.Dataset;
import org.csrafiji.eval.DatasetLoader;
import org.csrafiji.eval.EvaluationOptions;
import org.csrafiji.eval.EvaluationResult;
import org.csrafiji.eval.Evaluator;
import org.csrafiji.eval.LabelConvention;
import org.csrafiji.eval.MatchedData;
import org.csrafiji.eval.ModelStamp;
import org.csrafiji.eval.PredictionMatcher;
import org.csrafiji.eval.ScoreSource;
import org.csrafiji.runtime.CsraModel;
import org.csrafiji.runtime.DeviceChoice;

/**
 * The dataset evaluation use case, for every front end: the metrics of saved predictions against
 * a label source, or of a model run over a dataset (its scores written to a predictions file
 * first, resumed when that file exists, a temporary file deleted afterwards when none is named).
 * The readers' notes and the evaluation's warnings go to the {@link Progress}.
 */
public final class DatasetEvaluation {

	/**
	 * How to evaluate.
	 *
	 * @param convention how a prepared list encodes its targets, and that dataset's counting of
	 *        ignored labels; null to let the label source decide
	 * @param threshold the score from which a class counts as predicted
	 */
	public record Settings(LabelConvention convention, double threshold) {

		/**
		 * @param dataset the dataset evaluated
		 * @return the evaluation options for it
		 */
		EvaluationOptions options(Dataset dataset) {
			return EvaluationOptions.atThreshold(threshold).withIgnoredInCounts(convention != null
				? convention.ignoredCounting()
				: dataset.ignoredCounting());
		}
	}

	/**
	 * What an evaluation found.
	 *
	 * @param dataset the labels
	 * @param matched labels and scores, matched by image and class
	 * @param result the metrics
	 * @param run for a model run: how many images were scored now and found scored before
	 */
	public record Outcome(Dataset dataset, MatchedData matched, EvaluationResult result,
		Optional<DatasetScorer.Result> run)
	{}

	private DatasetEvaluation() {}

	/**
	 * @param predictionsCsv saved predictions (any predictions format {@link ScoreSource#csv} reads)
	 * @param labels a label CSV, prepared JSON list, COCO or WIDER annotation file, or VOC folder
	 * @param settings how to evaluate
	 * @param progress notes and warnings
	 * @return the metrics
	 */
	public static Outcome ofPredictions(Path predictionsCsv, Path labels, Settings settings,
		Progress progress)
	{
		ScoreSource source = ScoreSource.csv(predictionsCsv);
		Dataset dataset = DatasetLoader.load(labels, settings.convention(), source.classes());
		return evaluate(dataset, source, settings, progress, Optional.empty());
	}

	/**
	 * Runs the model over the dataset, then evaluates its scores. The dataset's classes must be the
	 * model's (by name): checked before any image is read.
	 *
	 * @param model the model
	 * @param dataset the dataset
	 * @param predictionsOut where the scores go, resumed when it exists; null for a temporary file
	 *        deleted at the end
	 * @param batch images per forward pass
	 * @param settings how to evaluate
	 * @param progress the scoring's progress, notes, warnings and cancel
	 * @return the metrics
	 * @throws ScoresKeptException when the run failed after scores were written to
	 *         {@code predictionsOut}
	 */
	public static Outcome ofModel(CsraModel model, DatasetSpec dataset, Path predictionsOut,
		int batch,
		Settings settings, Progress progress)
	{
		Dataset data = dataset.load(model.spec().classes());
		Path csv = predictionsOut != null ? predictionsOut : temporaryCsv();
		try (DatasetScorer scorer = DatasetScorer.forModel(model, batch)) {
			ModelScoreSource source = new ModelScoreSource(ModelStamp.of(model.spec()), model.spec()
				.classes(), scorer, csv,
				DatasetProgress.to(progress,
					"images"),
				n -> progress.info("note: " + n));
			source.requireSameClasses(data);
			ModelResolver.warnIfNativesDiffer(progress);
			progress
				.info(model.spec().name() + " on " + DeviceChoice.describe(model.device()) + ", "
					+ data.samples().size() + " images of " + data.source() + ", scores in "
					+ (predictionsOut != null ? csv : "a temporary file"));
			progress.stage("scoring images");
			try {
				Outcome o = evaluate(data, source, settings, progress, Optional.empty());
				return new Outcome(o.dataset(), o.matched(), o.result(), source.lastRun());
			}
			catch (CsraException e) {
				// a file that cannot be opened was not written to
				throw predictionsOut == null || e instanceof OutputFileException
					? e
					: new ScoresKeptException(e, csv);
			}
		}
		finally {
			if (predictionsOut == null) {
				deleteQuietly(csv, progress);
			}
		}
	}

	private static Outcome evaluate(Dataset dataset, ScoreSource source, Settings settings,
		Progress progress, Optional<DatasetScorer.Result> run)
	{
		MatchedData matched = PredictionMatcher.match(dataset, source.scoresFor(dataset));
		EvaluationResult result = Evaluator.evaluate(matched.labels(), matched.scores(), settings
			.options(dataset));
		dataset.notes().forEach(n -> progress.info("note: " + n));
		result.warnings().forEach(progress::warn);
		return new Outcome(dataset, matched, result, run);
	}

	private static Path temporaryCsv() {
		try {
			Path csv = Files.createTempFile("csra-predictions-", ".csv");
			csv.toFile().deleteOnExit(); // also when the run is interrupted
			return csv;
		}
		catch (IOException e) {
			throw new DatasetException(
				"Cannot create a temporary predictions file: " + e.getMessage()
					+ "; name a predictions file in a writable folder.",
				e);
		}
	}

	private static void deleteQuietly(Path csv, Progress progress) {
		try {
			Files.deleteIfExists(csv);
		}
		catch (IOException e) {
			progress.warn("could not delete the temporary predictions file " + csv + ": " + e
				.getMessage());
		}
	}
}
