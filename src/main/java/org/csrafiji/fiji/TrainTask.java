package org.csrafiji.fiji;

import ij.IJ;

import org.csrafiji.app.Training;
import org.csrafiji.core.CsraException;
import org.csrafiji.render.LiveTrainingPlot;
import org.csrafiji.render.ResultsTables;
import org.csrafiji.train.TrainingListener;
import org.csrafiji.train.TrainingLogLines;
import org.csrafiji.train.TrainingResult;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * "CSRA Train": the project's trainer on a labelled dataset, with the loss of every iteration
 * on the status bar and in {@code train-log.csv}, the epoch results in the log, and any further
 * listener (the live plot). The run stops before its next iteration when the feedback says
 * cancelled or, with a UI, when Esc is pressed; the files of the last completed epoch stay.
 */
final class TrainTask {

	private static final String TITLE = "CSRA Train";

	private TrainTask() {}

	/**
	 * @param settings what to train
	 * @param feedback status bar, log and cancellation
	 * @param plot told of every iteration and epoch too (e.g. {@link LiveTrainingPlot})
	 * @return how the run ended
	 */
	public static TrainingResult run(TrainSettings settings, Feedback feedback,
		TrainingListener plot)
	{
		Training training = Training.prepare(settings.trainingLabels(), settings
			.validationLabels(), settings.options(), settings.device());
		Path dir = settings.outputDir();
		createFolder(dir);
		LoadedModels.warnIfNativesDiffer(feedback);
		feedback.info(TITLE + ": " + training.describe(dir));
		boolean ui = ResultsTables.hasUi();
		if (ui) {
			IJ.resetEscape();
		}
		Feedback escape = new Feedback(feedback.status(), feedback.log(), () -> feedback
			.isCancelled() || ui && IJ.escapePressed(), feedback.sink());
		TrainingResult r = training.run(dir, settings.resume(), new TaskProgress(escape, TITLE),
			plot);
		feedback.finished();
		report(r, feedback, training.validation() != null);
		return r;
	}

	private static void report(TrainingResult r, Feedback feedback, boolean validated) {
		if (r.cancelled()) {
			if (r.lastSpec() == null) {
				throw new CsraException("CSRA Train was stopped before its first epoch finished;"
					+ " no checkpoint was written.");
			}
			feedback.warn("CSRA Train: stopped after " + r.epochsDone() + " complete epoch(s); the"
				+ " last checkpoint is " + r.lastSpec() + " (run again with resume to go on).");
		}
		feedback.info(String.format(Locale.ROOT, "CSRA Train: %d epoch(s), %.1f images/s; %s: %s", r
			.epochsDone(), r.imagesPerSecond(), TrainingLogLines.best(r, validated), r.bestSpec()));
	}

	private static void createFolder(Path dir) {
		try {
			Files.createDirectories(dir);
		}
		catch (IOException e) {
			throw new CsraException("Cannot create output_dir " + dir + ": " + e.getMessage(), e);
		}
	}
}
