package org.csrafiji.fiji;

import org.csrafiji.app.BatchSummary;
import ij.ImagePlus;

import org.csrafiji.app.AttentionSettings;
import org.csrafiji.render.AttentionResult;
import org.csrafiji.render.ResultsTables;
import org.csrafiji.runtime.CsraModel;
import org.csrafiji.runtime.DeviceChoice;
import org.csrafiji.train.TrainingResult;
import org.scijava.service.SciJavaService;

import java.io.File;
import java.nio.file.Path;

/**
 * CSRA in a SciJava Context: the one holder of the models loaded in it, and every CSRA use case
 * as one call - what the commands under Plugins &gt; CSRA call, and what scripts call. In a
 * Groovy script: {@code #@ CsraService csra}, then {@code csra.classify(imp, "demo")}; from
 * Python (PyImageJ): {@code ij.context().getService(CsraService)}. Every call reports to the
 * Context's log and status bar; the variants with a {@link Feedback} also take a progress sink
 * and a cancel check. User errors are thrown as {@link org.csrafiji.core.CsraException} with a
 * message that says what to change; the input image is never altered (attention adds an
 * overlay).
 */
public interface CsraService extends SciJavaService {

	/** The score threshold of the script shortcuts (and the commands' default). */
	double DEFAULT_THRESHOLD = 0.5;

	/**
	 * @param file a model spec (.json) or a checkpoint
	 * @param device the device request
	 * @return the loaded model, shared with other callers of this Context; do not close it
	 */
	CsraModel model(Path file, DeviceChoice device);

	/** @return the number of models loaded now */
	int loadedCount();

	/** @return where the "CSRA Results" table lives in this Context */
	ResultsTables tables();

	/**
	 * Settings for a script: the model's defaults (device auto, threshold 0.5, the current
	 * slice, the selection's bounds, 16/32-bit scaled by the display range). For other values
	 * use {@link ClassifySettings#of}.
	 *
	 * @param model an installed model's name (as the Model list shows it) or a spec or
	 *          checkpoint file
	 * @return the settings
	 */
	ClassifySettings settings(String model);

	/** @return feedback to this Context's log and status bar; cancelled when the thread is */
	Feedback feedback();

	/**
	 * "CSRA Classify": the image's predicted labels and scores, one row per slice, also added
	 * to the "CSRA Results" table.
	 *
	 * @param image the image, only read
	 * @param settings model, device, threshold, conversion
	 * @param feedback progress, log, cancellation between slices
	 * @return the predictions and the table
	 */
	Classification classify(ImagePlus image, ClassifySettings settings, Feedback feedback);

	/**
	 * @param image the image, only read
	 * @param model an installed model's name or a model file ({@link #settings(String)})
	 * @return the predictions and the table
	 */
	default Classification classify(ImagePlus image, String model) {
		return classify(image, settings(model), feedback());
	}

	/**
	 * "CSRA Attention Map": heat maps and outlines of the predicted (or listed) classes on the
	 * image's overlay (and the ROI Manager when one is open), optionally a stack of the maps.
	 *
	 * @param image the image; gets an overlay, its pixels stay as they are
	 * @param settings model, device, threshold, conversion
	 * @param attention classes, head, opacity, outline threshold, stack
	 * @param feedback progress, log, cancellation
	 * @return the overlays, outlines and stack added
	 */
	AttentionResult attention(ImagePlus image, ClassifySettings settings,
		AttentionSettings attention, Feedback feedback);

	/**
	 * @param image the image; gets an overlay
	 * @param model an installed model's name or a model file
	 * @param attention what to show, e.g. {@code AttentionSettings.of("cat,dog", 1, 0.5, 0.5,
	 *          false)}
	 * @return the overlays, outlines and stack added
	 */
	default AttentionResult attention(ImagePlus image, String model,
		AttentionSettings attention)
	{
		return attention(image, settings(model), attention, feedback());
	}

	/**
	 * "CSRA Batch Classify": every matching file of a folder into one CSV (resumable: files
	 * already in it are skipped), optionally an attention TIFF per file.
	 *
	 * @param batch folder, pattern, CSV, attention folder
	 * @param settings model, device, threshold, conversion
	 * @param feedback progress per file, log, cancellation between files
	 * @return counts of what happened
	 */
	BatchSummary batch(BatchSettings batch, ClassifySettings settings, Feedback feedback);

	/**
	 * @param inputDir the folder (not its sub-folders)
	 * @param filePattern a glob such as {@code *.tif}
	 * @param outputCsv the CSV, created or resumed
	 * @param model an installed model's name or a model file
	 * @return counts of what happened
	 */
	default BatchSummary batch(File inputDir, String filePattern, File outputCsv, String model) {
		return batch(BatchSettings.of(inputDir, false, filePattern, outputCsv, null), settings(
			model), feedback());
	}

	/**
	 * "CSRA Evaluate": mAP, F1 and AP per class of saved predictions or of a model on a
	 * dataset, as tables and a precision-recall plot (saved too when the settings name a
	 * folder).
	 *
	 * @param settings where the scores and labels come from, threshold, convention, folder
	 * @param feedback progress, log, cancellation
	 * @return the result, its tables and plot
	 */
	EvaluationReport evaluate(EvaluateSettings settings, Feedback feedback);

	/**
	 * @param predictionsCsv saved scores ({@code image,<class...>}, or a batch CSV)
	 * @param labelsFile the labels (CSV, prepared JSON, COCO/WIDER JSON or VOC folder)
	 * @return the result at threshold 0.5, its tables and plot
	 */
	default EvaluationReport evaluate(File predictionsCsv, File labelsFile) {
		return evaluate(EvaluateSettings.of(EvaluateSettings.savedPredictions(predictionsCsv,
			labelsFile), DEFAULT_THRESHOLD, EvaluateSettings.AUTO, null), feedback());
	}

	/**
	 * "CSRA Train": trains a model; checkpoints, the training log and the best model's spec go
	 * to the output folder. With a UI, a plot of the loss and validation mAP follows the run.
	 *
	 * @param settings data, output folder, options, initial weights, device
	 * @param feedback progress, log, cancellation between iterations
	 * @return how the run ended, with the best spec's file
	 */
	TrainingResult train(TrainSettings settings, Feedback feedback);
}
