package org.csrafiji.app.tiles;

import ij.ImagePlus;

import java.awt.Rectangle;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import org.csrafiji.core.ClassLabels;
import org.csrafiji.core.Prediction;
import org.csrafiji.image.ConversionOptions;
import org.csrafiji.image.Fit;
import org.csrafiji.image.ImageConverter;
import org.csrafiji.image.PlaneWindows;
import org.csrafiji.image.SlicePosition;
import org.csrafiji.image.TileGrid;
import org.csrafiji.runtime.CsraModel;
import org.csrafiji.runtime.PassLanes;

/**
 * Classifies one plane of an image tile by tile at native resolution. Tiles are read on
 * demand from the plane (a virtual stack's slice is read once, by ImageJ) straight into one
 * batch buffer; intensity windows (display range, minimum and maximum, or percentiles) are
 * taken once over the whole plane, so every tile is scaled alike. A tile is stretched to the
 * model's input only when the image is smaller than one tile (then tiling is whole-image
 * classification). The image is only read.
 */
public final class TileClassification {

	private final CsraModel model;
	private final ImageConverter converter;

	/**
	 * @param model the model
	 * @param options channels, scaling and percentiles (selection and slice choices are not
	 *          used: the plane to tile is given)
	 */
	public TileClassification(CsraModel model, ConversionOptions options) {
		this.model = Objects.requireNonNull(model, "model");
		converter = new ImageConverter(model.spec().input(), options);
	}

	/**
	 * @param imp the image
	 * @param pos the plane to tile
	 * @param settings tile side, overlap, batch and map step
	 * @param progress tiles done, and cancel between batches
	 * @return the tile rows and maps; incomplete when cancelled
	 */
	public TileResult run(ImagePlus imp, SlicePosition pos, TileSettings settings,
		Progress progress)
	{
		TileGrid grid = new TileGrid(imp.getWidth(), imp.getHeight(), settings.side(), settings
			.overlap());
		ClassLabels classes = model.spec().classes();
		int n = classes.size();
		MapStitcher stitcher = settings.mapStep() > 0
			? new MapStitcher(imp.getWidth(), imp
				.getHeight(), settings.mapStep(), n)
			: null;
		PlaneWindows windows = converter.windows(imp, pos);
		int total = grid.size();
		float[][] scoreMaps = new float[n][total];
		for (float[] m : scoreMaps) {
			Arrays.fill(m, Float.NaN);
		}
		double threshold = model.spec().threshold();
		FloatBuffer buffer = model.newInputBuffer(Math.min(settings.batch(), total));
		List<TileRow> rows = new ArrayList<>(total);
		int done = 0;
		// on a CPU of several cores, each batch's images in passes side by side
		try (PassLanes lanes = PassLanes.forImages(model, total)) {
			while (done < total && !progress.cancelled()) {
				int count = Math.min(settings.batch(), total - done);
				buffer.clear();
				for (int i = 0; i < count; i++) {
					converter.toChw(imp, pos, grid.tile(done + i), Fit.STRETCH, windows, null,
						buffer);
				}
				List<Prediction> predictions = lanes.predict(model, buffer, count);
				for (int i = 0; i < count; i++) {
					Prediction p = predictions.get(i);
					Rectangle r = grid.tile(done + i);
					double[] scores = new double[n];
					List<String> labels = new ArrayList<>();
					for (int c = 0; c < n; c++) {
						scores[c] = p.scores()[c];
						scoreMaps[c][done + i] = p.scores()[c];
						if (scores[c] > threshold) {
							labels.add(classes.name(c));
						}
					}
					rows.add(new TileRow(r.x, r.y, r.width, r.height, labels, scores));
					if (stitcher != null && p.attention() != null) {
						stitcher.add(r, p.attention());
					}
				}
				done += count;
				progress.update(done, total);
			}
		}
		return new TileResult(classes, grid, List.copyOf(rows), scoreMaps, stitcher == null
			? null
			: stitcher.result(), done == total);
	}
}
