package org.csrafiji.app;

import org.csrafiji.core.Prediction;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** How predicted labels are written in tables, ROI names and CSV files. */
public final class Labels {

	private Labels() {}

	/**
	 * @param p a prediction
	 * @param threshold a class is predicted when its score exceeds this
	 * @return the predicted class names, highest score first, joined by ";"
	 */
	public static String joined(Prediction p, double threshold) {
		List<String> names = new ArrayList<>();
		for (int c : p.predicted(threshold)) {
			names.add(p.labels().name(c));
		}
		return String.join(";", names);
	}

	/**
	 * @param className a class
	 * @param score its score
	 * @return "class (0.93)"
	 */
	public static String withScore(String className, float score) {
		return String.format(Locale.ROOT, "%s (%.2f)", className, score);
	}
}
