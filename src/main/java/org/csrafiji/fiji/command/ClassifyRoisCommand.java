package org.csrafiji.fiji.command;

import ij.measure.ResultsTable;

import org.csrafiji.fiji.ObjectOptions;
import org.csrafiji.fiji.ObjectTask;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Plugins &gt; CSRA &gt; CSRA Classify ROIs: every ROI of the ROI Manager or the image's
 * Overlay, or every label of a label image, classified on its own (a crop with a context
 * margin, aspect ratio kept); one table row per object, and its outline on the Overlay in
 * its top class's colour.
 */
@Plugin(type = Command.class, menuPath = "Plugins>CSRA>CSRA Classify ROIs")
public class ClassifyRoisCommand extends RegionCommand {

	@Parameter(label = "Label image (title or file; empty = ROI Manager or Overlay)", required = false, persist = false)
	private String label_image = "";

	@Parameter(label = "Context margin (fraction of the object's size)", min = "0", stepSize = "0.25", persist = false)
	private double margin = 1.0;

	@Parameter(label = "Minimum crop side (px; 0 = none)", min = "0", persist = false)
	private int min_side = 0;

	@Parameter(label = "Keep neighbouring objects in the crop", persist = false)
	private boolean with_neighbours;

	@Parameter(type = ItemIO.OUTPUT, label = "CSRA Objects")
	private ResultsTable object_table;

	@Override
	protected void execute() {
		object_table = ObjectTask.run(models(), image(), settings(false), new ObjectOptions(
			label_image, margin, min_side, with_neighbours, batch(), channels(), percentiles()),
			feedback());
	}
}
