package org.csrafiji.fiji;

import java.util.ArrayList;
import java.util.List;

import org.csrafiji.app.DatasetEvaluation;
import org.csrafiji.app.ScoresKeptException;
import org.csrafiji.core.CsraException;
import org.csrafiji.eval.EvaluationResult;
import org.csrafiji.eval.LabelMatrix;
import org.csrafiji.eval.PrecisionRecallCurve;
import org.csrafiji.eval.ResultTable;
import org.csrafiji.fiji.EvaluationSource.ModelRun;
import org.csrafiji.fiji.EvaluationSource.SavedPredictions;
import org.csrafiji.render.MetricsTables;
import org.csrafiji.render.PrecisionRecallPlot;
import org.csrafiji.runtime.CsraModel;

/**
 * "CSRA Evaluate": the metrics of {@code csra.jar evaluate} for saved predictions or for a model
 * run over a dataset, as tables and a precision-recall plot. The numbers are those of the command
 * line for the same inputs: the same readers, matching, counting of ignored labels and metrics.
 * The text table the command line prints also goes to the log, with the readers' notes and the
 * warnings (e.g. classes without positives).
 */
final class EvaluateTask {

	private static final String TITLE = "CSRA Evaluate";

	private EvaluateTask() {}

	/**
	 * @param models where the model of a model run is loaded (and kept)
	 * @param settings what to evaluate
	 * @param feedback progress and log
	 * @return the tables and the plot, saved too when the settings name a folder
	 */
	public static EvaluationReport run(CsraService models, EvaluateSettings settings,
		Feedback feedback)
	{
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
		Feedback feedback)
	{
		return report(DatasetEvaluation.ofPredictions(saved.predictionsCsv(), saved.labelsFile(),
			settings(settings), new TaskProgress(feedback, TITLE)), feedback);
	}

	private static EvaluationReport fromModel(CsraService models, ModelRun run,
		EvaluateSettings settings, Feedback feedback)
	{
		CsraModel model = models.model(run.modelFile(), run.device());
		try {
			return report(
				DatasetEvaluation.ofModel(model, run.dataset(), run.predictionsOut(), run.batch(),
					settings(settings), new TaskProgress(feedback, TITLE)),
				feedback);
		}
		catch (ScoresKeptException e) {
			throw new CsraException(e.getMessage()
				+ " Run again with the same predictions_out to go on from there.", e);
		}
	}

	private static DatasetEvaluation.Settings settings(EvaluateSettings settings) {
		return new DatasetEvaluation.Settings(settings.convention(), settings.threshold());
	}

	/** The log gets the command line's text table; the tables and the plot are returned. */
	private static EvaluationReport report(DatasetEvaluation.Outcome outcome, Feedback feedback) {
		EvaluationResult result = outcome.result();
		feedback
			.info(TITLE + ", " + outcome.dataset().source() + ":\n" + ResultTable.format(result));
		LabelMatrix labels = outcome.matched().labels();
		List<PrecisionRecallCurve> curves = new ArrayList<>();
		for (int c = 0; c < labels.classCount(); c++) {
			curves.add(PrecisionRecallCurve.of(labels, outcome.matched().scores(), c));
		}
		int drawn = (int) curves.stream().filter(k -> k.positives() > 0).count();
		return new EvaluationReport(result, MetricsTables.metrics(result), MetricsTables
			.averagePrecision(result, labels.classes().names()), PrecisionRecallPlot.of(curves),
			drawn);
	}
}
