package org.csrafiji.fiji;

import ij.ImagePlus;

import org.csrafiji.app.ClassifiedImage;
import org.csrafiji.core.ImageInputException;
import org.csrafiji.image.SlicePosition;
import org.csrafiji.runtime.CsraModel;
import org.csrafiji.runtime.ImageClassifier;
import org.csrafiji.runtime.SlicePrediction;

import java.awt.Rectangle;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Classifies one image slice by slice, reporting progress per slice and stopping between
 * slices when the user cancels. The image is only read.
 */
final class ImageClassification {

	private ImageClassification() {}

	/**
	 * @param model the model
	 * @param imp the image, not null
	 * @param settings conversion options
	 * @param feedback progress and cancellation
	 * @return the predictions
	 */
	public static ClassifiedImage run(CsraModel model, ImagePlus imp, ClassifySettings settings,
		Feedback feedback)
	{
		if (imp == null) {
			throw new ImageInputException("No image is open; open an image (or select one) and"
				+ " run the command again.");
		}
		ImageClassifier classifier = new ImageClassifier(model, settings.conversion());
		Rectangle region = classifier.converter().region(imp);
		List<SlicePosition> positions = classifier.converter().positions(imp);
		List<SlicePrediction> out = new ArrayList<>(positions.size());
		FloatBuffer buffer = model.newInputBuffer(1);
		for (SlicePosition pos : positions) {
			if (feedback.isCancelled()) {
				break;
			}
			feedback.progress(out.size(), positions.size(), "CSRA: classifying " + imp.getTitle()
				+ " (" + pos + ")");
			out.add(new SlicePrediction(pos, classifier.classify(imp, pos, buffer)));
		}
		feedback.progress(positions.size(), positions.size(), "CSRA: classified "
			+ imp.getTitle());
		return new ClassifiedImage(imp, region, out, out.size() == positions.size());
	}
}
