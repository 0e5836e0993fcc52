package org.csrafiji.fiji;

import org.csrafiji.app.ImageClassification;
import org.csrafiji.app.ClassifiedImage;
import ij.ImagePlus;
import ij.measure.ResultsTable;

import org.csrafiji.app.ClassifiedImage;
import org.csrafiji.render.ResultsTableWriter;
import org.csrafiji.runtime.CsraModel;

/** "CSRA Classify": one image (every slice, or the current one) into the results table. */
final class ClassifyTask {

	private ClassifyTask() {}

	/**
	 * @param service the model service (also holds the headless table)
	 * @param imp the image
	 * @param settings model, device, threshold, conversion
	 * @param feedback progress, log, cancellation
	 * @return the predictions and the "CSRA Results" table with the new rows
	 */
	static Classification run(CsraService service, ImagePlus imp,
		ClassifySettings settings, Feedback feedback)
	{
		ImageInputs.require(imp);
		CsraModel model = LoadedModels.get(service, settings, feedback);
		ClassifiedImage ci = ImageClassification.run(model, imp, settings.conversion(),
			new TaskProgress(feedback, "CSRA"));
		ImageInputs.reportCancel(ci, feedback);
		ResultsTable rt = new ResultsTableWriter(service.tables()).write(imp.getTitle(), ci
			.slices(), settings.threshold());
		feedback.finished();
		return new Classification(ci, settings.threshold(), rt);
	}
}
