package org.csrafiji.fiji.command;

import ij.ImagePlus;
import ij.measure.ResultsTable;

import org.csrafiji.fiji.TileOptions;
import org.csrafiji.fiji.TileOutputs;
import org.csrafiji.fiji.TileTask;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Plugins &gt; CSRA &gt; CSRA Tile Classify: the current plane cut into model-sized tiles at
 * native resolution, classified in batches; a table with one row per tile, a per-class score
 * map at tile resolution and a stitched per-class map, both calibrated like the image.
 */
@Plugin(type = Command.class, menuPath = "Plugins>CSRA>CSRA Tile Classify")
public class TileClassifyCommand extends RegionCommand {

	@Parameter(label = "Tile size (px; 0 = the model's input size)", min = "0", persist = false)
	private int tile_size = 0;

	@Parameter(label = "Tile overlap (px)", min = "0", persist = false)
	private int overlap = 32;

	@Parameter(label = "Stitched map step (image px per map px; 0 = no map)", min = "0", persist = false)
	private int map_step = 16;

	@Parameter(type = ItemIO.OUTPUT, label = "CSRA Tiles")
	private ResultsTable tile_table;

	@Parameter(type = ItemIO.OUTPUT, label = "Tile scores")
	private ImagePlus score_map;

	@Parameter(type = ItemIO.OUTPUT, label = "Tile map", required = false)
	private ImagePlus tile_map;

	@Override
	protected void execute() {
		TileOutputs out = TileTask.run(models(), image(), settings(false), new TileOptions(
			tile_size, overlap, batch(), map_step, channels(), percentiles()), feedback());
		tile_table = out.table();
		score_map = out.scoreMap();
		tile_map = out.tileMap();
	}
}
