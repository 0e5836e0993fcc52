package org.csrafiji.fiji;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

import org.csrafiji.core.CsraException;
import org.csrafiji.core.OutputFileException;
import org.csrafiji.eval.Dataset;
import org.csrafiji.eval.DatasetLoader;
import org.csrafiji.eval.EvaluationOptions;
import org.csrafiji.eval.EvaluationResult;
import org.csrafiji.eval.Evaluator;
import org.csrafiji.eval.LabelMatrix;
import org.csrafiji.eval.MatchedData;
import org.csrafiji.eval.ModelStamp;
import org.csrafiji.eval.PrecisionRecallCurve;
import org.csrafiji.eval.PredictionMatcher;
import org.csrafiji.eval.ResultTable;
import org.csrafiji.eval.ScoreSource;
import org.csrafiji.fiji.EvaluationSource.ModelRun;
import org.csrafiji.fiji.EvaluationSource.SavedPredictions;
import org.csrafiji.render.MetricsTables;
import org.csrafiji.render.PrecisionRecallPlot;
import org.csrafiji.render.ResultsTables;
import org.csrafiji.runtime.CsraModel;
import org.csrafiji.runtime.DatasetProgress;
import org.csrafiji.runtime.DatasetScorer;
import org.csrafiji.runtime.DeviceChoice;
import org.csrafiji.runtime.ModelScoreSource;

/**
 * "CSRA Evaluate": the metrics of {@code csra.jar evaluate} for saved predictions or for a model
 * run over a dataset, as tables and a precision-recall plot. The numbers are those of the command
 * line for the same inputs: the same readers, matching, counting of ignored labels and metrics.
 * The text table the command line prints also goes to the log, with the readers' notes and the
 * warnings (e.g. classes without positives).
 */
final class EvaluateTask {

	private EvaluateTask() {
	}

	/**
	 * @param models where the model of a model run is loaded (and kept)
	 * @param settings what to evaluate
	 * @param feedback progress and log
	 * @return the tables and the plot, saved too when the settings name a folder
	 */
	public static EvaluationReport run(CsraService models, EvaluateSettings settings,
		Feedback feedback) {
		EvaluationReport report = settings.source() instanceof ModelRun run
			? fromModel(models, run, settings, feedback)
			: fromCsv((SavedPredictions) settings.source(), settings, feedback);
		if (settings.outputDir() != null) {
			report.saveTo(settings.outputDir());
			feedback.info("CSRA Evaluate: saved " + EvaluationReport.METRICS_CSV + ", "
				+ EvaluationReport.AP_CSV + " and " + EvaluationReport.PLOT_PNG + " in "
				+ settings.outputDir());
		}
		return report;
	}

	private static EvaluationReport fromCsv(SavedPredictions saved, EvaluateSettings settings,
		Feedback feedback) {
		ScoreSource source = ScoreSource.csv(saved.predictionsCsv());
		Dataset dataset = DatasetLoader.load(saved.labelsFile(), settings.convention(), source
			.classes());
		return evaluate(dataset, source, settings, feedback);
	}

	private static EvaluationReport fromModel(CsraService models, ModelRun run,
		EvaluateSettings settings, Feedback feedback) {
		CsraModel model = models.model(run.modelFile(), run.device());
		Dataset dataset = run.dataset().load(model.spec().classes());
		Path csv = run.predictionsOut() != null ? run.predictionsOut() : temporaryCsv();
		try {
			DatasetScorer scorer = DatasetScorer.forModel(model, run.batch());
			ModelScoreSource source = new ModelScoreSource(ModelStamp.of(model.spec()), model.spec()
				.classes(), scorer, csv, DatasetProgress.to(LogLines.to(feedback), "CSRA Evaluate", false,
					System::nanoTime).watchedBy(window(feedback), feedback::isCancelled),
				n -> feedback.info("CSRA Evaluate: " + n));
			source.requireSameClasses(dataset);
			LoadedModels.warnIfNativesDiffer(feedback);
			feedback.info("CSRA Evaluate: " + model.spec().name() + " on " + DeviceChoice.describe(model
				.device()) + ", " + dataset.samples().size() + " images of " + dataset.source()
				+ (run.predictionsOut() != null ? ", scores in " + csv : ""));
			try {
				return evaluate(dataset, source, settings, feedback);
			}
			catch (CsraException e) {
				// a file that cannot be opened was not written to: its message says how to go on
				throw run.predictionsOut() == null || e instanceof OutputFileException ? e
					: new CsraException(e.getMessage()
					+ " The scores written so far are kept in " + csv
					+ "; run again with the same predictions_out to go on from there.", e);
			}
		}
		finally {
			if (run.predictionsOut() == null) {
				deleteQuietly(csv, feedback);
			}
		}
	}

	/** With a UI, the status bar and the Cancel window follow the scoring; headless, the log does. */
	private static BiConsumer<Integer, Integer> window(Feedback feedback) {
		return (done, total) -> {
			if (ResultsTables.hasUi()) {
				feedback.progress(done, total, "CSRA Evaluate: scoring images");
			}
		};
	}

	private static EvaluationReport evaluate(Dataset dataset, ScoreSource source,
		EvaluateSettings settings, Feedback feedback) {
		MatchedData matched = PredictionMatcher.match(dataset, source.scoresFor(dataset));
		EvaluationOptions options = settings.options().withIgnoredInCounts(settings.convention() != null
			? settings.convention().ignoredCounting() : dataset.ignoredCounting());
		EvaluationResult result = Evaluator.evaluate(matched.labels(), matched.scores(), options);
		dataset.notes().forEach(n -> feedback.info("CSRA Evaluate: " + n));
		result.warnings().forEach(w -> feedback.warn("CSRA Evaluate: " + w));
		feedback.info("CSRA Evaluate, " + dataset.source() + ":\n" + ResultTable.format(result));
		LabelMatrix labels = matched.labels();
		List<PrecisionRecallCurve> curves = new ArrayList<>();
		for (int c = 0; c < labels.classCount(); c++) {
			curves.add(PrecisionRecallCurve.of(labels, matched.scores(), c));
		}
		int drawn = (int) curves.stream().filter(k -> k.positives() > 0).count();
		return new EvaluationReport(result, MetricsTables.metrics(result), MetricsTables
			.averagePrecision(result, labels.classes().names()), PrecisionRecallPlot.of(curves), drawn);
	}

	private static Path temporaryCsv() {
		try {
			Path csv = Files.createTempFile("csra-predictions-", ".csv");
			csv.toFile().deleteOnExit();
			return csv;
		}
		catch (IOException e) {
			throw new CsraException("Cannot create a temporary predictions file: " + e.getMessage()
				+ "; set predictions_out to a file in a writable folder.", e);
		}
	}

	private static void deleteQuietly(Path csv, Feedback feedback) {
		try {
			Files.deleteIfExists(csv);
		}
		catch (IOException e) {
			feedback.warn("CSRA Evaluate: could not delete the temporary predictions file " + csv + ": "
				+ e.getMessage());
		}
	}
}
