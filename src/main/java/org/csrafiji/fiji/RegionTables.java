package org.csrafiji.fiji;

import org.csrafiji.render.ResultsTableWriter;
import org.csrafiji.render.ResultsTables;
import ij.measure.ResultsTable;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.csrafiji.app.objects.ImageObject;
import org.csrafiji.app.objects.ObjectRow;
import org.csrafiji.app.tiles.TileResult;
import org.csrafiji.app.tiles.TileRow;
import org.csrafiji.core.ClassLabels;

/**
 * The tables of Tile Classify ("CSRA Tiles": x, y, w, h, labels, one score per class) and
 * Classify ROIs ("CSRA Objects": name, centroid, area, top class, labels, one score per
 * class). Labels are the classes scoring above the command's threshold, in class order,
 * joined by ";". A class named like a fixed column gets the column "score &lt;name&gt;". Each
 * run makes a new table, shown in its own window when there is a UI.
 */
public final class RegionTables {

	/** The tile table's title. */
	public static final String TILES = "CSRA Tiles";

	/** The object table's title. */
	public static final String OBJECTS = "CSRA Objects";

	private static final Set<String> FIXED = Set.of("Image", "x", "y", "w", "h", "Name", "X",
		"Y", "Area", "Top", "Labels");

	private RegionTables() {}

	/**
	 * @param title the tiled image's title
	 * @param r the tiles
	 * @param threshold a class is listed when its score exceeds this
	 * @return the table, one row per tile classified
	 */
	public static ResultsTable tiles(String title, TileResult r, double threshold) {
		ResultsTable rt = new ResultsTable();
		for (TileRow row : r.rows()) {
			rt.incrementCounter();
			rt.addValue("Image", title);
			rt.addValue("x", row.x());
			rt.addValue("y", row.y());
			rt.addValue("w", row.width());
			rt.addValue("h", row.height());
			scores(rt, r.classes(), row.scores(), threshold);
		}
		return show(rt, TILES);
	}

	/**
	 * @param classes the model's classes
	 * @param rows the objects classified
	 * @param threshold a class is listed when its score exceeds this
	 * @return the table, one row per object
	 */
	public static ResultsTable objects(ClassLabels classes, List<ObjectRow> rows,
		double threshold)
	{
		ResultsTable rt = new ResultsTable();
		for (ObjectRow row : rows) {
			ImageObject o = row.object();
			rt.incrementCounter();
			rt.addValue("Name", o.name());
			rt.addValue("X", o.centroidX());
			rt.addValue("Y", o.centroidY());
			rt.addValue("Area", o.area());
			rt.addValue("Top", row.top());
			scores(rt, classes, row.scores(), threshold);
		}
		return show(rt, OBJECTS);
	}

	/**
	 * @param className a class name
	 * @return its score column in these tables
	 */
	public static String scoreColumn(String className) {
		return FIXED.contains(className) ? "score " + className : className;
	}

	private static void scores(ResultsTable rt, ClassLabels classes, double[] scores,
		double threshold)
	{
		List<String> labels = new ArrayList<>();
		for (int c = 0; c < scores.length; c++) {
			if (scores[c] > threshold) {
				labels.add(classes.name(c));
			}
		}
		rt.addValue("Labels", String.join(";", labels));
		for (int c = 0; c < scores.length; c++) {
			String column = scoreColumn(classes.name(c));
			rt.addValue(column, scores[c]);
			rt.setDecimalPlaces(rt.getColumnIndex(column), ResultsTableWriter.SCORE_DECIMALS);
		}
	}

	private static ResultsTable show(ResultsTable rt, String title) {
		if (ResultsTables.hasUi()) {
			rt.show(title);
		}
		return rt;
	}
}
