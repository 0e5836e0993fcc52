package org.csrafiji.app;

import ai.djl.Device;

import org.csrafiji.core.ClassLabels;
import org.csrafiji.eval.Dataset;
import org.csrafiji.eval.DatasetLoader;
import org.csrafiji.runtime.DeviceChoice;
import org.csrafiji.train.CsvTrainingLog;
import org.csrafiji.train.Trainer;
import org.csrafiji.train.TrainingListener;
import org.csrafiji.train.TrainingLogLines;
import org.csrafiji.train.TrainingOptions;
import org.csrafiji.train.TrainingResult;

import java.nio.file.Path;
import java.util.Locale;

/**
 * The training use case, for every front end: the training set (a VOC folder gives its trainval
 * split, a test split is refused), the validation set read with the training classes, the
 * device, and a run of the {@link Trainer} that writes {@value #LOG} beside the checkpoints and
 * specs, reports every iteration as progress and every epoch as a note, and stops before its
 * next iteration when the progress says cancelled. The written specs record the input size,
 * and the channels and percentiles the options name, so that classifying with them converts
 * images as training did.
 */
public final class Training {

	/** The training log's name in the output folder. */
	public static final String LOG = "train-log.csv";

	private final Dataset train;
	private final Dataset validation;
	private final TrainingOptions options;
	private final Device device;

	private Training(Dataset train, Dataset validation, TrainingOptions options, Device device) {
		this.train = train;
		this.validation = validation;
		this.options = options;
		this.device = device;
	}

	/**
	 * Reads the data and chooses the device; writes nothing.
	 *
	 * @param trainingLabels the training labels (CSV, prepared JSON, COCO/WIDER JSON, VOC folder)
	 * @param validationLabels the validation labels, or null for none
	 * @param options the recipe
	 * @param device where to train
	 * @return the run, ready to start
	 */
	public static Training prepare(Path trainingLabels, Path validationLabels,
		TrainingOptions options, DeviceChoice device)
	{
		Dataset train = trainingSet(trainingLabels);
		Dataset val = validationLabels == null
			? null
			: validationSet(validationLabels, train
				.classes());
		return new Training(train, val, options, device.resolve());
	}

	/**
	 * @param labels training labels; a VOC folder gives its trainval split, a test split is
	 *          refused
	 * @return the training set
	 */
	public static Dataset trainingSet(Path labels) {
		return DatasetLoader.forTraining(labels, null);
	}

	/**
	 * @param labels validation labels; a VOC folder gives its test split
	 * @param classes the training classes, which the validation set must have
	 * @return the validation set
	 */
	public static Dataset validationSet(Path labels, ClassLabels classes) {
		return DatasetLoader.load(labels, null, classes);
	}

	/** @return the training set */
	public Dataset train() {
		return train;
	}

	/** @return the validation set, or null */
	public Dataset validation() {
		return validation;
	}

	/** @return the device that trains */
	public Device device() {
		return device;
	}

	/** @return the iterations of the whole run (a full batch each) */
	public long iterations() {
		return (long) Math.max(1, train.samples().size() / options.batchSize()) * options
			.epochs();
	}

	/**
	 * @param dir the output folder
	 * @return one line saying what is trained on what, e.g. {@code resnet18, 1 head(s), 3
	 *         classes, 8 training images, 2 validation images, on cpu(); output DIR}
	 */
	public String describe(Path dir) {
		return String.format(Locale.ROOT, "%s, %d head(s), %d classes, %d training images%s, on %s;"
			+ " output %s", options.architecture(), options.heads(), train.classes().size(),
			train
				.samples().size(),
			validation == null
				? ""
				: ", " + validation.samples().size()
					+ " validation images",
			DeviceChoice.describe(device), dir);
	}

	/**
	 * Trains into an existing folder.
	 *
	 * @param dir the output folder (created by the caller, who words its failure)
	 * @param resume continue from the folder's last checkpoint
	 * @param progress every iteration as progress ({@link TrainingLogLines#iteration}), every
	 *          epoch as a note ({@link TrainingLogLines#epoch}); asked before each iteration
	 *          whether to stop
	 * @param more told of every iteration and epoch too (e.g. a live plot), or
	 *          {@link TrainingListener#NONE}
	 * @return how the run ended; when stopped, the files of the last complete epoch stay
	 */
	public TrainingResult run(Path dir, boolean resume, Progress progress,
		TrainingListener more)
	{
		try (CsvTrainingLog log = new CsvTrainingLog(dir.resolve(LOG), resume)) {
			return new Trainer(options, train, validation, dir, device)
				.run(TrainingListener.all(log,
					reporting(progress, iterations()), more), progress::isCancelled, resume);
		}
	}

	private static TrainingListener reporting(Progress progress, long total) {
		return new TrainingListener() {

			@Override
			public void iteration(int epoch, long iteration, double lr, double loss) {
				progress.progress((int) Math.min(iteration + 1, total), (int) total,
					TrainingLogLines
						.iteration(epoch, iteration, lr, loss));
			}

			@Override
			public void epoch(int epoch, long iteration, double meanLoss, double valMap) {
				progress.info(TrainingLogLines.epoch(epoch, meanLoss, valMap));
			}
		};
	}
}
