package org.csrafiji.fiji;

import org.csrafiji.render.ResultsTables;
import ij.ImagePlus;

import org.csrafiji.app.tiles.TileClassification;
import org.csrafiji.app.tiles.TileImages;
import org.csrafiji.app.tiles.TileResult;
import org.csrafiji.app.tiles.TileSettings;
import org.csrafiji.core.CsraException;
import org.csrafiji.runtime.CsraModel;

/**
 * "CSRA Tile Classify": the image's current plane classified tile by tile at native
 * resolution ({@link TileClassification}: tiles are read from the plane into one batch
 * buffer, never a float copy of the whole image). Gives the tile table, the per-class score
 * map at tile resolution and the stitched map, both calibrated like the image and shown when
 * there is a UI. The image is only read.
 */
public final class TileTask {

	/** Title prefix of the score map at tile resolution. */
	public static final String SCORES_PREFIX = "CSRA Tile Scores of ";

	/** Title prefix of the stitched map. */
	public static final String MAP_PREFIX = "CSRA Tile Map of ";

	private TileTask() {}

	/**
	 * @param service the model service
	 * @param imp the image
	 * @param settings model, device, threshold, scaling
	 * @param options tiling, channels, percentiles
	 * @param feedback progress, log, cancellation (between batches)
	 * @return the table and the maps; a cancelled run gives the tiles done (NaN in the maps
	 *         elsewhere)
	 */
	public static TileOutputs run(CsraService service, ImagePlus imp,
		ClassifySettings settings, TileOptions options, Feedback feedback)
	{
		ImageInputs.require(imp);
		CsraModel model = LoadedModels.get(service, settings, feedback);
		TileSettings tiling = options.settings(model.spec().input().size(), imp.getWidth(), imp
			.getHeight());
		TileClassification tiler = new TileClassification(model, RegionInputs.conversion(settings,
			options.channels(), options.percentiles()));
		TileResult r;
		try {
			r = tiler.run(imp, RegionInputs.current(imp), tiling, RegionInputs.progress(feedback,
				"tiles"));
		}
		catch (IllegalArgumentException e) { // a stitched map too large for its step
			throw new CsraException(e.getMessage(), e);
		}
		feedback.info("CSRA: " + r.rows().size() + " tiles of " + tiling.side() + " px (overlap "
			+ tiling.overlap() + ") classified on " + imp.getTitle() + ".");
		if (!r.complete()) {
			feedback.warn("CSRA: cancelled; " + r.rows().size() + " of " + r.grid().size()
				+ " tiles of " + imp.getTitle() + " were classified.");
		}
		ImagePlus scores = TileImages.scoreMap(r, imp.getCalibration(), SCORES_PREFIX + imp
			.getTitle());
		ImagePlus map = r.stitched() == null
			? null
			: TileImages.stitchedMap(r, imp
				.getCalibration(), MAP_PREFIX + imp.getTitle());
		TileOutputs out = new TileOutputs(RegionTables.tiles(imp.getTitle(), r, settings
			.threshold()), scores, map);
		if (ResultsTables.hasUi()) {
			scores.show();
			if (map != null) {
				map.show();
			}
		}
		feedback.finished();
		return out;
	}
}
