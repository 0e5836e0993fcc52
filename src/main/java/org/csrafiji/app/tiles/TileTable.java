package org.csrafiji.app.tiles;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.csrafiji.eval.Csv;

/** A {@link TileResult}'s rows as CSV: x, y, w, h, labels (";"-separated), one score per class. */
public final class TileTable {

	private TileTable() {}

	/** @param r the result @return the CSV text, header first */
	public static String csv(TileResult r) {
		StringBuilder sb = new StringBuilder();
		List<String> header = new ArrayList<>(List.of("x", "y", "w", "h", "labels"));
		header.addAll(r.classes().names());
		sb.append(Csv.row(header)).append('\n');
		for (TileRow row : r.rows()) {
			List<String> cells = new ArrayList<>(List.of(String.valueOf(row.x()), String.valueOf(row
				.y()), String.valueOf(row.width()), String.valueOf(row.height()),
				String.join(";", row
					.labels())));
			for (double s : row.scores()) {
				cells.add(String.format(Locale.ROOT, "%.6f", s));
			}
			sb.append(Csv.row(cells)).append('\n');
		}
		return sb.toString();
	}
}
