package org.csrafiji.fiji;

import org.csrafiji.core.AttentionMaps;
import org.csrafiji.core.ClassLabels;
import org.csrafiji.core.CsraException;
import org.csrafiji.core.Prediction;
import org.csrafiji.runtime.SlicePrediction;

import java.awt.Rectangle;
import java.util.ArrayList;
import java.util.List;

/**
 * Picks the attention maps to show (the predicted classes of each slice, or the classes the
 * user listed) from one head, and upsamples each onto the classified rectangle.
 */
public final class AttentionLayers {

	private AttentionLayers() {}

	/**
	 * @param image the classified image
	 * @param threshold score threshold for "predicted"
	 * @param classes class names to show; empty for the predicted ones
	 * @param head head, counting from 1
	 * @return the maps, slice by slice, highest score first within a slice for predicted
	 *         classes, in the listed order otherwise
	 */
	public static List<ClassMap> select(ClassifiedImage image, double threshold,
		List<String> classes, int head)
	{
		Rectangle r = image.region();
		List<ClassMap> out = new ArrayList<>();
		for (SlicePrediction sp : image.slices()) {
			Prediction p = sp.prediction();
			AttentionMaps a = p.attention();
			if (head < 1 || head > a.heads()) {
				throw new CsraException("The model has " + a.heads() + " head(s); choose head 1"
					+ (a.heads() > 1 ? " to " + a.heads() : "") + ", not " + head + ".");
			}
			List<Integer> chosen = classes.isEmpty() ? p.predicted(threshold) : indices(p.labels(),
				classes);
			for (int c : chosen) {
				float[] up = MapUpsampler.upsample(a.attention(head - 1, c), a.width(), a.height(),
					r.width, r.height);
				out.add(new ClassMap(sp.position(), p.labels().name(c), c, p.scores()[c], r.width,
					r.height, up));
			}
		}
		return out;
	}

	private static List<Integer> indices(ClassLabels labels, List<String> names) {
		List<Integer> out = new ArrayList<>();
		for (String n : names) {
			int i = labels.indexOf(n);
			if (i < 0) {
				throw new CsraException("The model has no class '" + n + "'; its classes are "
					+ String.join(", ", labels.names()) + ".");
			}
			out.add(i);
		}
		return out;
	}
}
