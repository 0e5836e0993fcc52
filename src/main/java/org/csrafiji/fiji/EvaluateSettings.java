package org.csrafiji.fiji;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.csrafiji.core.CsraException;
import org.csrafiji.eval.EvaluationOptions;
import org.csrafiji.eval.LabelConvention;
import org.csrafiji.fiji.EvaluationSource.ModelRun;
import org.csrafiji.fiji.EvaluationSource.SavedPredictions;
import org.csrafiji.app.DatasetSpec;
import org.csrafiji.runtime.DeviceChoice;

/**
 * What a "CSRA Evaluate" run does.
 *
 * @param source where the scores come from
 * @param threshold scores at least this count as positive predictions
 * @param convention how a prepared JSON list encodes its targets and how ignored labels are
 *        counted, or null to let the label source decide (as the CLI without --convention)
 * @param outputDir where the tables (CSV) and the plot (PNG) are saved as well, or null
 */
public record EvaluateSettings(EvaluationSource source, double threshold,
	LabelConvention convention, Path outputDir)
{

	/** The {@code scores} choice that reads predictions_csv and labels_file. */
	public static final String FROM_CSV = "predictions_csv";

	/** The {@code scores} choice that runs the model over the dataset. */
	public static final String FROM_MODEL = "model";

	/** The {@code convention} choice that lets the label source decide. */
	public static final String AUTO = "auto";

	/** Checks the threshold. */
	public EvaluateSettings {
		if (!Double.isFinite(threshold)) {
			throw new CsraException("threshold must be a number; got " + threshold + ".");
		}
	}

	/**
	 * Checks that the files of predictions mode exist.
	 *
	 * @param predictionsCsv predictions_csv
	 * @param labelsFile labels_file
	 * @return the source
	 */
	public static SavedPredictions savedPredictions(File predictionsCsv, File labelsFile) {
		if (predictionsCsv == null || !predictionsCsv.isFile()) {
			throw new CsraException("predictions_csv '" + predictionsCsv + "' is not a file; choose"
				+ " the CSV of scores (header image,<class...>), or set scores to '" + FROM_MODEL
				+ "'.");
		}
		if (labelsFile == null || !labelsFile.exists()) {
			throw new CsraException(
				"labels_file '" + labelsFile + "' does not exist; choose the label"
					+ " CSV, prepared JSON list, COCO/WIDER annotation file or VOC folder.");
		}
		return new SavedPredictions(predictionsCsv.toPath(), labelsFile.toPath());
	}

	/**
	 * @param modelFile the model spec or checkpoint, null when none was chosen
	 * @param device auto, cpu, gpu or gpu:N
	 * @param datasetKind voc2007, coco2014, wider or csv
	 * @param datasetPath the dataset's folder or file
	 * @param predictionsOut the predictions file to write or resume; null or blank for none
	 * @param batch images per forward pass
	 * @return the source
	 */
	public static ModelRun modelRun(File modelFile, String device, String datasetKind,
		File datasetPath, File predictionsOut, int batch)
	{
		if (modelFile == null) {
			throw new CsraException("No model was chosen; pick an installed model in model, or '"
				+ InstalledModels.FILE_CHOICE
				+ "' and a model spec (.json) or checkpoint in model_file.");
		}
		if (datasetPath == null || !datasetPath.exists()) {
			throw new CsraException("dataset_path '" + datasetPath + "' does not exist; choose the "
				+ datasetKind + " dataset's folder (or its annotation or label file).");
		}
		if (batch < 1) {
			throw new CsraException("batch must be at least 1; got " + batch + ".");
		}
		DatasetSpec spec = DatasetSpec.parse(datasetKind.strip().toLowerCase(Locale.ROOT) + ":"
			+ datasetPath.getPath());
		Path out = blank(predictionsOut) ? null : predictionsOut.toPath();
		if (out != null && Files.isDirectory(out)) {
			throw new CsraException("predictions_out '" + out + "' is a folder; name a file such as"
				+ " predictions.csv.");
		}
		return new ModelRun(modelFile.toPath(),
			DeviceChoice.parse(device == null ? "auto" : device),
			spec, out, batch);
	}

	/**
	 * @param source where the scores come from
	 * @param threshold the threshold
	 * @param convention auto, voc07, coco or wider
	 * @param outputDir a folder to save into; null or blank for none
	 * @return the settings
	 */
	public static EvaluateSettings of(EvaluationSource source, double threshold, String convention,
		File outputDir)
	{
		LabelConvention c = convention == null || convention.isBlank()
			|| convention.strip().equalsIgnoreCase(AUTO)
				? null
				: LabelConvention.parse(convention.strip());
		return new EvaluateSettings(source, threshold, c,
			blank(outputDir) ? null : outputDir.toPath());
	}

	/** @return the evaluation options, top-3 at this threshold */
	public EvaluationOptions options() {
		return EvaluationOptions.atThreshold(threshold);
	}

	private static boolean blank(File f) {
		return f == null || f.getPath().isBlank();
	}
}
