package org.csrafiji.render;

import org.csrafiji.app.ClassifiedImage;
import org.csrafiji.core.AttentionMaps;
import org.csrafiji.core.ClassLabels;
import org.csrafiji.core.CsraException;
import org.csrafiji.core.Prediction;
import org.csrafiji.runtime.SlicePrediction;

import java.util.ArrayList;
import java.util.List;

/**
 * Picks the attention maps to show (the predicted classes of each slice, or the classes the
 * user listed) from one head, and upsamples each onto the classified rectangle, or onto a
 * smaller grid of its shape when the rectangle is huge ({@link MapGrid}).
 */
public final class AttentionLayers {

	private AttentionLayers() {}

	/**
	 * @param image the classified image
	 * @param threshold score threshold for "predicted"
	 * @param classes class names to show; empty for the predicted ones
	 * @param head head, counting from 1
	 * @return the maps, slice by slice, highest score first within a slice for predicted
	 *         classes, in the listed order otherwise; on the grid {@link MapGrid#forRegion}
	 *         gives for the classified rectangle and their number
	 */
	public static List<ClassMap> select(ClassifiedImage image, double threshold,
		List<String> classes, int head)
	{
		List<Choice> chosen = choose(image, threshold, classes, head);
		return render(chosen, head, MapGrid.forRegion(image.region(), chosen.size()));
	}

	/**
	 * @param image the classified image
	 * @param threshold score threshold for "predicted"
	 * @param classes class names to show; empty for the predicted ones
	 * @param head head, counting from 1
	 * @param grid the size to render each map at, covering the classified rectangle
	 * @return the maps, in the order of {@link #select(ClassifiedImage, double, List, int)}
	 */
	public static List<ClassMap> select(ClassifiedImage image, double threshold,
		List<String> classes, int head, MapGrid grid)
	{
		return render(choose(image, threshold, classes, head), head, grid);
	}

	/** One class of one slice to show. */
	private record Choice(SlicePrediction slice, int classIndex) {}

	private static List<Choice> choose(ClassifiedImage image, double threshold,
		List<String> classes, int head)
	{
		List<Choice> out = new ArrayList<>();
		for (SlicePrediction sp : image.slices()) {
			Prediction p = sp.prediction();
			AttentionMaps a = p.attention();
			if (head < 1 || head > a.heads()) {
				throw new CsraException("The model has " + a.heads() + " head(s); choose head 1"
					+ (a.heads() > 1 ? " to " + a.heads() : "") + ", not " + head + ".");
			}
			List<Integer> chosen = classes.isEmpty()
				? p.predicted(threshold)
				: indices(p.labels(),
					classes);
			chosen.forEach(c -> out.add(new Choice(sp, c)));
		}
		return out;
	}

	private static List<ClassMap> render(List<Choice> chosen, int head, MapGrid grid) {
		List<ClassMap> out = new ArrayList<>(chosen.size());
		for (Choice ch : chosen) {
			Prediction p = ch.slice().prediction();
			AttentionMaps a = p.attention();
			int c = ch.classIndex();
			float[] up = MapUpsampler.upsample(a.attention(head - 1, c), a.width(), a.height(),
				grid.width(), grid.height());
			out.add(new ClassMap(ch.slice().position(), p.labels().name(c), c, p.scores()[c], grid
				.width(), grid.height(), up));
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
