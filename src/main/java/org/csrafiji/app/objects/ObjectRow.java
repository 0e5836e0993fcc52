package org.csrafiji.app.objects;

import java.util.List;

/**
 * One classified object.
 *
 * @param object the object
 * @param top the class with the highest score
 * @param labels the classes scored above the model's threshold, in class order
 * @param scores one sigmoid score per class, in class order
 */
public record ObjectRow(ImageObject object, String top, List<String> labels, double[] scores) {

	/** Copies. */
	public ObjectRow {
		labels = List.copyOf(labels);
		scores = scores.clone();
	}

	@Override
	public double[] scores() {
		return scores.clone();
	}
}
