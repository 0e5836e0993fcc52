package org.csrafiji.fiji;

import ij.measure.ResultsTable;

import org.csrafiji.app.ClassifiedImage;
import org.csrafiji.core.CsraException;
import org.csrafiji.core.Prediction;
import org.csrafiji.runtime.SlicePrediction;

import java.util.ArrayList;
import java.util.List;

/**
 * What {@link CsraService#classify} found: the predictions per slice, the threshold they were
 * judged at, and the "CSRA Results" table they were added to. The shortcuts read the first
 * classified slice, which is the only one unless every slice was asked for.
 *
 * @param image the image and its predictions, slice by slice
 * @param threshold a class is predicted when its score exceeds this
 * @param table the "CSRA Results" table with the new rows
 */
public record Classification(ClassifiedImage image, double threshold, ResultsTable table) {

	/** @return one prediction per classified slice, in order */
	public List<SlicePrediction> slices() {
		return image.slices();
	}

	/** @return the first slice's predicted class names, highest score first */
	public List<String> predicted() {
		Prediction p = first();
		List<String> names = new ArrayList<>();
		for (int c : p.predicted(threshold)) {
			names.add(p.labels().name(c));
		}
		return names;
	}

	/**
	 * @param className one of the model's classes
	 * @return its score on the first slice, 0 to 1
	 */
	public float score(String className) {
		Prediction p = first();
		int c = p.labels().indexOf(className);
		if (c < 0) {
			throw new CsraException("The model has no class '" + className + "'; its classes are "
				+ String.join(", ", p.labels().names()) + ".");
		}
		return p.scores()[c];
	}

	private Prediction first() {
		if (image.slices().isEmpty()) {
			throw new CsraException("No slice was classified (the run was cancelled first).");
		}
		return image.slices().get(0).prediction();
	}
}
