package org.csrafiji.fiji;

import ij.IJ;

import org.csrafiji.core.CsraException;
import org.csrafiji.eval.Dataset;
import org.csrafiji.eval.DatasetLoader;
import org.csrafiji.render.LiveTrainingPlot;
import org.csrafiji.render.ResultsTables;
import org.csrafiji.runtime.DeviceChoice;
import org.csrafiji.train.CsvTrainingLog;
import org.csrafiji.train.Trainer;
import org.csrafiji.train.TrainingListener;
import org.csrafiji.train.TrainingLogLines;
import org.csrafiji.train.TrainingResult;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.BooleanSupplier;

/**
 * "CSRA Train": the project's trainer on a labelled dataset, with the loss of every iteration
 * on the status bar and in {@code train-log.csv}, the epoch results in the log, and any further
 * listener (the live plot). The run stops before its next iteration when the feedback says
 * cancelled or, with a UI, when Esc is pressed; the files of the last completed epoch stay.
 */
final class TrainTask {

	/** The training log's name in the output folder. */
	public static final String LOG = "train-log.csv";

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
		Dataset train = DatasetLoader.forTraining(settings.trainingLabels(), null);
		Dataset val = settings.validationLabels() == null ? null : DatasetLoader.load(settings
			.validationLabels(), null, train.classes());
		Path dir = settings.outputDir();
		createFolder(dir);
		var device = settings.device().resolve();
		LoadedModels.warnIfNativesDiffer(feedback);
		int perEpoch = Math.max(1, train.samples().size() / settings.options().batchSize());
		long total = (long) perEpoch * settings.options().epochs();
		feedback.info(String.format(Locale.ROOT, "CSRA Train: %s, %d head(s), %d classes, %d"
			+ " training images%s, on %s; output %s", settings.options().architecture(), settings
				.options().heads(), train.classes().size(), train.samples().size(), val == null ? ""
					: ", " + val.samples().size() + " validation images", DeviceChoice.describe(device),
			dir));
		boolean ui = ResultsTables.hasUi();
		if (ui) {
			IJ.resetEscape();
		}
		BooleanSupplier stop = () -> feedback.isCancelled() || ui && IJ.escapePressed();
		try (CsvTrainingLog log = new CsvTrainingLog(dir.resolve(LOG), settings.resume())) {
			TrainingResult r = new Trainer(settings.options(), train, val, dir, device).run(
				TrainingListener.all(log, status(feedback, total), plot), stop, settings.resume());
			feedback.finished();
			report(r, feedback, val != null);
			return r;
		}
	}

	private static TrainingListener status(Feedback feedback, long total) {
		return new TrainingListener() {

			@Override
			public void iteration(int epoch, long iteration, double lr, double loss) {
				feedback.progress((int) Math.min(iteration + 1, total), (int) total, "CSRA Train: "
					+ TrainingLogLines.iteration(epoch, iteration, lr, loss));
			}

			@Override
			public void epoch(int epoch, long iteration, double meanLoss, double valMap) {
				feedback.info("CSRA Train: " + TrainingLogLines.epoch(epoch, meanLoss, valMap));
			}
		};
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
