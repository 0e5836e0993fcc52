package org.csrafiji.fiji;

import org.csrafiji.app.ImageClassification;
import org.csrafiji.app.AttentionSettings;
import org.csrafiji.app.ClassifiedImage;
import ij.ImagePlus;

import org.csrafiji.app.AttentionSettings;
import org.csrafiji.app.ClassifiedImage;
import org.csrafiji.render.AttentionLayers;
import org.csrafiji.render.AttentionOverlayWriter;
import org.csrafiji.render.AttentionResult;
import org.csrafiji.render.ClassMap;
import org.csrafiji.runtime.CsraModel;

import java.util.List;

/**
 * "CSRA Attention Map": classifies an image and puts the attention of the predicted (or
 * listed) classes on it as heat maps and outlines, optionally as a stack.
 */
final class AttentionTask {

	private AttentionTask() {}

	/**
	 * @param service the model service
	 * @param imp the image; gets an overlay, its pixels stay as they are
	 * @param settings model, device, threshold, conversion
	 * @param attention what to show
	 * @param feedback progress, log, cancellation
	 * @return what was added
	 */
	static AttentionResult run(CsraService service, ImagePlus imp,
		ClassifySettings settings, AttentionSettings attention, Feedback feedback)
	{
		ImageInputs.require(imp);
		CsraModel model = LoadedModels.get(service, settings, feedback);
		ClassifiedImage ci = ImageClassification.run(model, imp, settings.conversion(),
			new TaskProgress(feedback, "CSRA"));
		ImageInputs.reportCancel(ci, feedback);
		List<ClassMap> maps = AttentionLayers.select(ci, settings.threshold(), attention
			.classes(), attention.head());
		if (maps.isEmpty()) {
			feedback.info("CSRA: no class scored above " + settings.threshold() + " on "
				+ imp.getTitle() + "; list classes to see their attention anyway.");
		}
		AttentionResult result = new AttentionOverlayWriter().write(ci, maps, attention);
		feedback.finished();
		return result;
	}
}
