package org.csrafiji.app;

import ij.ImagePlus;

import org.csrafiji.app.ClassifiedImage;
import org.csrafiji.core.ImageInputException;
import org.csrafiji.image.ConversionOptions;
import org.csrafiji.image.SlicePosition;
import org.csrafiji.runtime.CsraModel;
import org.csrafiji.runtime.SlicePrediction;

import java.awt.Rectangle;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The classify use case, for every front end: one image slice by slice (the slices the
 * conversion options select), reporting progress per slice and stopping between slices when the
 * user cancels. The image is only read.
 */
public final class ImageClassification {

	private ImageClassification() {}

	/**
	 * @param model the model
	 * @param imp the image, not null
	 * @param conversion how pixels become model input (scaling, channels, slices, selection)
	 * @param progress progress per slice, and cancellation
	 * @return the predictions; {@link ClassifiedImage#complete()} is false when cancelled
	 */
	public static ClassifiedImage run(CsraModel model, ImagePlus imp, ConversionOptions conversion,
		Progress progress)
	{
		if (imp == null) {
			throw new ImageInputException("No image is open; open an image (or select one) and"
				+ " run the command again.");
		}
		ImageClassifier classifier = new ImageClassifier(model, conversion);
		Rectangle region = classifier.converter().region(imp);
		List<SlicePosition> positions = classifier.converter().positions(imp);
		List<SlicePrediction> out = new ArrayList<>(positions.size());
		FloatBuffer buffer = model.newInputBuffer(1);
		for (SlicePosition pos : positions) {
			if (progress.isCancelled()) {
				break;
			}
			progress.progress(out.size(), positions.size(), "classifying " + imp.getTitle()
				+ " (" + pos + ")");
			out.add(new SlicePrediction(pos, classifier.classify(imp, pos, buffer)));
		}
		progress.progress(positions.size(), positions.size(), "classified "
			+ imp.getTitle());
		return new ClassifiedImage(imp, region, out, out.size() == positions.size());
	}
}
