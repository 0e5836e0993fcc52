package org.csrafiji.train.synthetic;

import org.csrafiji.core.AttentionMaps;
import org.csrafiji.core.ClassLabels;
import org.csrafiji.core.InputSpec;
import org.csrafiji.core.Prediction;
import org.csrafiji.eval.Evaluator;
import org.csrafiji.eval.LabelMatrix;
import org.csrafiji.eval.LabelRow;
import org.csrafiji.eval.LabelState;
import org.csrafiji.eval.ScoreMatrix;
import org.csrafiji.runtime.CsraModel;
import org.csrafiji.train.RgbImage;

import java.util.ArrayList;
import java.util.List;

/**
 * Measures a model trained on the synthetic set on held-out scenes: mAP over the five classes
 * and the pointing game ({@link PointingGame}) for every present object, using the first
 * head's attention maps (the softmax head when there are several).
 */
public final class DemoReport {

	/**
	 * The figures.
	 *
	 * @param images scenes scored
	 * @param mAP mean average precision in [0, 1]
	 * @param pointingHits objects whose attention maximum fell on them
	 * @param pointingTotal objects checked
	 * @param strictHits objects reached by their arg-max cell itself (no tolerance)
	 * @param grid the attention maps' side in feature cells
	 * @param seconds wall time
	 */
	public record Result(int images, double mAP, int pointingHits, int pointingTotal,
		int strictHits, int grid, double seconds)
	{

		/** @return pointing game accuracy in [0, 1] */
		public double pointingAccuracy() {
			return pointingTotal == 0 ? Double.NaN : (double) pointingHits / pointingTotal;
		}
	}

	private DemoReport() {}

	/**
	 * @param model the demo model; its classes must be the shape kinds in order
	 * @param generator the held-out scenes (a seed other than the training seed)
	 * @param count number of scenes
	 * @return the figures
	 */
	public static Result run(CsraModel model, SceneGenerator generator, int count) {
		long t0 = System.nanoTime();
		ClassLabels classes = model.spec().classes();
		ShapeKind[] kinds = ShapeKind.values();
		for (int c = 0; c < kinds.length; c++) {
			if (classes.size() != kinds.length || !classes.name(c).equals(kinds[c].label())) {
				throw new IllegalArgumentException("The demo report needs a model for the classes "
					+ List.of(kinds) + "; this one has " + classes.names() + ".");
			}
		}
		InputSpec input = model.spec().input();
		double[][] scores = new double[count][];
		List<LabelRow> rows = new ArrayList<>();
		int hits = 0;
		int strict = 0;
		int grid = 0;
		int total = 0;
		for (int i = 0; i < count; i++) {
			Scene scene = generator.scene(i);
			Prediction p = model.predict(chw(RgbImage.of(scene.image()), input));
			scores[i] = new double[kinds.length];
			List<LabelState> states = new ArrayList<>();
			AttentionMaps maps = p.attention();
			grid = maps.height();
			for (int c = 0; c < kinds.length; c++) {
				scores[i][c] = p.scores()[c];
				boolean present = scene.contains(kinds[c]);
				states.add(present ? LabelState.POSITIVE : LabelState.NEGATIVE);
				if (present) {
					total++;
					float[] att = maps.attention(0, c);
					boolean[] mask = scene.mask(kinds[c]);
					hits += PointingGame.hit(att, maps.height(), maps.width(), mask,
						generator.size())
							? 1
							: 0;
					strict += PointingGame.hit(att, maps.height(), maps.width(), mask,
						generator.size(),
						0.5) ? 1 : 0;
				}
			}
			rows.add(LabelRow.of(states));
		}
		double map = Evaluator.evaluate(new LabelMatrix(classes, rows), new ScoreMatrix(classes,
			scores), 0.5).mAP();
		return new Result(count, map, hits, total, strict, grid, (System.nanoTime() - t0) / 1e9);
	}

	private static float[] chw(RgbImage image, InputSpec input) {
		int s = input.size();
		float[] out = new float[3 * s * s];
		image.resized(s, s).toChw(input.mean(), input.std(), out, 0);
		return out;
	}
}
