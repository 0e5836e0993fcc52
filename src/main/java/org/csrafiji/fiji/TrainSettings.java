package org.csrafiji.fiji;

import org.csrafiji.core.CsraException;
import org.csrafiji.runtime.DeviceChoice;
import org.csrafiji.train.TrainingOptions;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What "CSRA Train" runs: the data, the output folder, the recipe and the device, checked
 * with messages that say which input to change.
 *
 * @param trainingLabels training labels (CSV, prepared JSON, COCO/WIDER JSON, or a VOC folder,
 *          read as its trainval split)
 * @param validationLabels validation labels, or null
 * @param outputDir output folder
 * @param options the recipe
 * @param resume continue from the folder's last checkpoint
 * @param device where to train
 */
public record TrainSettings(Path trainingLabels, Path validationLabels, Path outputDir,
	TrainingOptions options, boolean resume, DeviceChoice device)
{

	/** The init choice that starts from random weights. */
	public static final String RANDOM = "random";
	/** The init choice that starts from init_checkpoint. */
	public static final String FILE = "file";

	/**
	 * @param trainingLabels required, must exist
	 * @param validationLabels optional
	 * @param outputDir required
	 * @param options the recipe, without init
	 * @param init {@link #RANDOM} or {@link #FILE}
	 * @param initCheckpoint the .pth used with {@link #FILE}
	 * @param resume continue from outputDir's last checkpoint
	 * @param device "auto", "cpu" or "gpu"
	 * @return the settings
	 */
	public static TrainSettings of(File trainingLabels, File validationLabels, File outputDir,
		TrainingOptions options, String init, File initCheckpoint, boolean resume, String device)
	{
		Path train = existing(trainingLabels, "training_labels");
		Path val = validationLabels == null || validationLabels.getPath().isEmpty()
			? null
			: existing(validationLabels, "validation_labels");
		if (outputDir == null || outputDir.getPath().isEmpty()) {
			throw new CsraException(
				"Choose an output_dir for the checkpoints and the training log.");
		}
		Path weights = null;
		if (FILE.equals(init)) {
			weights = existing(initCheckpoint, "init_checkpoint");
		}
		return new TrainSettings(train, val, outputDir.toPath(), options.toBuilder().init(weights)
			.build(), resume, DeviceChoice.parse(device));
	}

	private static Path existing(File f, String input) {
		if (f == null || f.getPath().isEmpty()) {
			throw new CsraException("Choose a file for " + input + ".");
		}
		if (!Files.exists(f.toPath())) {
			throw new CsraException(input + " " + f + " does not exist.");
		}
		return f.toPath();
	}
}
