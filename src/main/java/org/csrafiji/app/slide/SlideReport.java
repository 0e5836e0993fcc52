package org.csrafiji.app.slide;

import ij.gui.Roi;

import java.awt.Rectangle;
import java.util.ArrayList;
import java.util.List;

import org.csrafiji.app.objects.ImageObjects;
import org.csrafiji.app.objects.ObjectClassification;
import org.csrafiji.app.objects.ObjectRow;
import org.csrafiji.app.tiles.Progress;
import org.csrafiji.app.tiles.TileClassification;
import org.csrafiji.app.tiles.TileResult;
import org.csrafiji.app.tiles.TileRow;
import org.csrafiji.app.tiles.TileSettings;
import org.csrafiji.core.ClassLabels;
import org.csrafiji.eval.Evaluator;
import org.csrafiji.eval.LabelMatrix;
import org.csrafiji.eval.LabelRow;
import org.csrafiji.eval.LabelState;
import org.csrafiji.eval.ScoreMatrix;
import org.csrafiji.image.ConversionOptions;
import org.csrafiji.image.ObjectCrop;
import org.csrafiji.image.SlicePosition;
import org.csrafiji.runtime.CsraModel;
import org.csrafiji.train.synthetic.ShapeKind;
import org.csrafiji.train.synthetic.SlideObject;
import org.csrafiji.train.synthetic.SyntheticSlide;

/**
 * Scores the demo model on a synthetic slide. Tiles: a class is present in a tile when at
 * least {@link #PRESENT_FRACTION} of one of its objects lies inside, absent when no pixel of
 * any of its objects does, and ignored in between (a shape cut by the tile's edge may
 * rightly look like another); mAP over the five classes follows. Objects: each object's own
 * ROI (its traced outline) is classified and counts as right when its top class is its kind.
 */
public final class SlideReport {

	/** The part of an object a tile must hold for its class to count as present. */
	public static final double PRESENT_FRACTION = 0.75;

	/**
	 * The figures.
	 *
	 * @param tiles tiles classified
	 * @param tileMap tile-level mAP in [0, 1]
	 * @param objects objects classified
	 * @param objectHits objects whose top class was their kind
	 * @param tileSeconds wall time of the tiling
	 * @param objectSeconds wall time of the objects
	 */
	public record Result(int tiles, double tileMap, int objects, int objectHits,
		double tileSeconds, double objectSeconds)
	{

		/** @return per-object accuracy in [0, 1] */
		public double objectAccuracy() {
			return objects == 0 ? Double.NaN : (double) objectHits / objects;
		}
	}

	private SlideReport() {}

	/**
	 * @param model the demo model; its classes must be the shape kinds in order
	 * @param slide the slide
	 * @param tiles how to tile it
	 * @param crop the objects' context margin
	 * @param alone whether each object is shown without its neighbours
	 * @param progress tiles, then objects, done; cancel
	 * @return the figures
	 */
	public static Result run(CsraModel model, SyntheticSlide slide, TileSettings tiles,
		ObjectCrop crop, boolean alone, Progress progress)
	{
		ClassLabels classes = model.spec().classes();
		ShapeKind[] kinds = ShapeKind.values();
		for (int c = 0; c < kinds.length; c++) {
			if (classes.size() != kinds.length || !classes.name(c).equals(kinds[c].label())) {
				throw new IllegalArgumentException("The slide report needs a model for the classes "
					+ List.of(kinds) + "; this one has " + classes.names() + ".");
			}
		}
		ConversionOptions options = ConversionOptions.defaults();
		SlicePosition plane = new SlicePosition(1, 1, 1);
		long t0 = System.nanoTime();
		TileResult tiled = new TileClassification(model, options).run(slide.image(), plane, tiles,
			progress);
		long t1 = System.nanoTime();
		List<LabelRow> truth = new ArrayList<>();
		double[][] scores = new double[tiled.rows().size()][];
		for (int i = 0; i < scores.length; i++) {
			TileRow row = tiled.rows().get(i);
			scores[i] = row.scores();
			truth.add(truth(slide, new Rectangle(row.x(), row.y(), row.width(), row.height())));
		}
		double map = Evaluator.evaluate(new LabelMatrix(classes, truth), new ScoreMatrix(classes,
			scores), model.spec().threshold()).mAP();
		List<Roi> rois = new ArrayList<>();
		for (int i = 0; i < slide.objects().size(); i++) {
			SlideObject o = slide.objects().get(i);
			rois.add(SlideRois.of(o, o.kind().label() + "-" + (i + 1)));
		}
		List<ObjectRow> rows = new ObjectClassification(model, options, crop, alone).run(
			slide.image(),
			plane, ImageObjects.fromRois(rois), tiles.batch(), progress);
		int hits = 0;
		for (int i = 0; i < rows.size(); i++) {
			hits += rows.get(i).top().equals(slide.objects().get(i).kind().label()) ? 1 : 0;
		}
		long t2 = System.nanoTime();
		return new Result(scores.length, map, rows.size(), hits, (t1 - t0) / 1e9, (t2 - t1)
			/ 1e9);
	}

	/** Present, absent or ignored per class for one tile. */
	static LabelRow truth(SyntheticSlide slide, Rectangle tile) {
		ShapeKind[] kinds = ShapeKind.values();
		LabelState[] states = new LabelState[kinds.length];
		java.util.Arrays.fill(states, LabelState.NEGATIVE);
		for (SlideObject o : slide.objects()) {
			if (!o.bounds().intersects(tile)) {
				continue;
			}
			long inside = o.pixelsIn(tile);
			int c = o.kind().ordinal();
			if (inside >= PRESENT_FRACTION * o.area()) {
				states[c] = LabelState.POSITIVE;
			}
			else if (inside > 0 && states[c] == LabelState.NEGATIVE) {
				states[c] = LabelState.IGNORED;
			}
		}
		return LabelRow.of(states);
	}
}
