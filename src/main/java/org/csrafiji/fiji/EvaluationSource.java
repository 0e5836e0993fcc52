package org.csrafiji.fiji;

import java.nio.file.Path;

import org.csrafiji.app.DatasetSpec;
import org.csrafiji.runtime.DeviceChoice;

/**
 * Where the scores of a "CSRA Evaluate" run come from: a predictions CSV saved earlier, or a
 * model run over a dataset now.
 */
public sealed interface EvaluationSource {

	/**
	 * Scores saved earlier, as {@code evaluate --predictions PRED.csv --labels LABELS} reads them.
	 *
	 * @param predictionsCsv header {@code image,<class...>}, one row of scores per image
	 * @param labelsFile a label CSV, an official prepared JSON list, a COCO or WIDER annotation
	 *        file, or a VOC folder
	 */
	record SavedPredictions(Path predictionsCsv, Path labelsFile) implements EvaluationSource {}

	/**
	 * A model run over a dataset, as {@code evaluate --model SPEC.json --dataset KIND:PATH} does.
	 *
	 * @param modelFile a model spec (.json) or a checkpoint
	 * @param device the device request
	 * @param dataset the dataset's kind and folder or file
	 * @param predictionsOut where the scores go (resumed when it exists), or null for a temporary
	 *        file deleted afterwards
	 * @param batch images per forward pass
	 */
	record ModelRun(Path modelFile, DeviceChoice device, DatasetSpec dataset, Path predictionsOut,
		int batch) implements EvaluationSource
	{}
}
