package org.csrafiji.fiji.command;

import org.csrafiji.fiji.CsraService;
import org.csrafiji.fiji.TrainSettings;
import org.csrafiji.image.Channels;
import org.csrafiji.image.Percentiles;
import org.csrafiji.train.TrainingOptions;
import org.csrafiji.train.TrainingResult;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.widget.FileWidget;

import java.io.File;

/**
 * Plugins &gt; CSRA &gt; CSRA Train: fine-tunes or trains a CSRA ResNet with the official recipe
 * (like {@code csra.jar train}) and writes best/last checkpoints with model specs,
 * {@code train-log.csv} and {@code state.json} into output_dir. The loss of every iteration is
 * on the status bar and, with a UI, in the live "CSRA Training" plot with the validation mAP of
 * every epoch. The stop button (module cancellation) or Esc stops it before the next
 * iteration; the last completed epoch's checkpoint stays, and resume goes on from it. Output:
 * the best checkpoint's spec, for CSRA Classify and CSRA Attention Map.
 */
@Plugin(type = Command.class, menuPath = "Plugins>CSRA>CSRA Train")
public class TrainCommand extends ReportingCommand {

	@Parameter
	private CsraService csra;

	@Parameter(label = "Training labels (CSV, prepared JSON, COCO/WIDER JSON or VOC folder)", description = "A VOC folder trains on its trainval split (test is for evaluation); a"
		+ " test split is refused.", style = FileWidget.OPEN_STYLE, persist = false)
	private File training_labels;

	/** Not persisted: an empty file would be stored as the working folder. */
	@Parameter(label = "Validation labels (optional)", style = FileWidget.OPEN_STYLE, required = false, persist = false)
	private File validation_labels;

	@Parameter(label = "Output folder", style = FileWidget.DIRECTORY_STYLE, persist = false)
	private File output_dir;

	@Parameter(label = "Architecture", choices = {"resnet18", "resnet34", "resnet50",
		"resnet101", "resnet152"}, persist = false)
	private String arch = "resnet18";

	@Parameter(label = "Base width (64 = torchvision; random init only)", min = "1", persist = false)
	private int base_width = 64;

	@Parameter(label = "Input size", min = "32", persist = false)
	private int input_size = 224;

	@Parameter(label = "CSRA heads", choices = {"1", "2", "4", "6", "8"}, persist = false)
	private String heads = "1";

	@Parameter(label = "Lambda", min = "0", persist = false)
	private double lambda = 0.1;

	@Parameter(label = "Epochs", min = "1", persist = false)
	private int epochs = 8;

	@Parameter(label = "Batch size", min = "1", persist = false)
	private int batch_size = 16;

	@Parameter(label = "Learning rate (backbone; head x10)", min = "0.000001", persist = false)
	private double learning_rate = 0.01;

	@Parameter(label = "Decay x0.1 every (epochs, 0 = never)", min = "0", persist = false)
	private int step_epochs = 4;

	@Parameter(label = "Train the head only", persist = false)
	private boolean head_only;

	@Parameter(label = "Initial weights", choices = {TrainSettings.RANDOM,
		TrainSettings.FILE}, persist = false)
	private String init = TrainSettings.RANDOM;

	/** Not persisted: an empty file would be stored as the working folder. */
	@Parameter(label = "Initial checkpoint (.pth: CSRA or torchvision ImageNet)", style = FileWidget.OPEN_STYLE, required = false, persist = false)
	private File init_checkpoint;

	@Parameter(label = "Seed", min = "0", persist = false)
	private long seed;

	@Parameter(label = "Resume from output folder's last epoch", persist = false)
	private boolean resume;

	@Parameter(label = "Device", choices = {"auto", "cpu", "gpu"}, persist = false)
	private String device = "auto";

	@Parameter(label = "Channels for R, G, B (e.g. 2,1,0; empty = the image's own)", required = false, persist = false)
	private String channels = "";

	@Parameter(label = "Percentiles low, high (e.g. 1,99.8; empty = display range)", required = false, persist = false)
	private String percentiles = "";

	@Parameter(type = ItemIO.OUTPUT, label = "Best model spec")
	private String best_spec;

	@Override
	protected void execute() {
		TrainSettings settings = TrainSettings.of(training_labels, validation_labels, output_dir,
			options(), init, init_checkpoint, resume, device);
		TrainingResult r = csra.train(settings, feedback());
		best_spec = r.bestSpec().toString();
	}

	private TrainingOptions options() {
		try {
			return TrainingOptions.defaults().toBuilder().architecture(arch).baseWidth(base_width)
				.size(input_size).heads(Integer.parseInt(heads)).lambda(lambda).epochs(epochs)
				.batchSize(batch_size).lr(learning_rate).stepEpochs(step_epochs).headOnly(head_only)
				.seed(seed).name(output_dir == null ? "trained" : output_dir.getName()).channels(
					blank(channels) ? null : Channels.parse(channels.strip()))
				.percentiles(blank(
					percentiles) ? null : Percentiles.parse(percentiles.strip()).toArray())
				.build();
		}
		catch (IllegalArgumentException e) {
			throw new org.csrafiji.core.CsraException(e.getMessage(), e);
		}
	}

	private static boolean blank(String s) {
		return s == null || s.isBlank();
	}
}
