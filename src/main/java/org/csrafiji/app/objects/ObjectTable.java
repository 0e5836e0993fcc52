package org.csrafiji.app.objects;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.csrafiji.core.ClassLabels;
import org.csrafiji.eval.Csv;

/**
 * Object rows as CSV: name, centroid x and y, area, top class, labels (";"-separated), one
 * score per class.
 */
public final class ObjectTable {

	private ObjectTable() {}

	/**
	 * @param classes class names
	 * @param rows the rows
	 * @return the CSV text, header first
	 */
	public static String csv(ClassLabels classes, List<ObjectRow> rows) {
		StringBuilder sb = new StringBuilder();
		List<String> header = new ArrayList<>(List.of("name", "centroid_x", "centroid_y", "area",
			"top", "labels"));
		header.addAll(classes.names());
		sb.append(Csv.row(header)).append('\n');
		for (ObjectRow row : rows) {
			ImageObject o = row.object();
			List<String> cells = new ArrayList<>(List.of(o.name(),
				String.format(Locale.ROOT, "%.2f",
					o.centroidX()),
				String.format(Locale.ROOT, "%.2f", o.centroidY()), String.valueOf(o
					.area()),
				row.top(), String.join(";", row.labels())));
			for (double s : row.scores()) {
				cells.add(String.format(Locale.ROOT, "%.6f", s));
			}
			sb.append(Csv.row(cells)).append('\n');
		}
		return sb.toString();
	}
}
