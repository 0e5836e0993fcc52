package org.csrafiji.runtime;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;

import org.csrafiji.core.Prediction;

/**
 * What {@code org.csrafiji.app.DatasetScorer} runs batches through: a model's forward pass reduced to its class
 * scores. Tests wrap one to count the images it sees.
 */
public interface BatchPredictor extends AutoCloseable {

	/**
	 * @param batch the most images one call will get
	 * @return a buffer for that many preprocessed images (batch x 3 x size x size floats)
	 */
	FloatBuffer newInputBuffer(int batch);

	/**
	 * @param input the images from position 0, 3 x size x size floats each
	 * @param count how many images the buffer holds, at most the batch it was made for
	 * @return one score per class for each image, in the model's class order
	 */
	List<double[]> scores(FloatBuffer input, int count);

	/** Ends what the predictor started (threads); the model stays open. */
	@Override
	default void close() {}

	/**
	 * @param model a loaded model
	 * @return a predictor giving its sigmoid scores, one pass after another on the caller's
	 *         thread
	 */
	static BatchPredictor of(CsraModel model) {
		return new BatchPredictor() {

			@Override
			public FloatBuffer newInputBuffer(int batch) {
				return model.newInputBuffer(batch);
			}

			@Override
			public List<double[]> scores(FloatBuffer input, int count) {
				return scoresOf(model.predict(input, count));
			}
		};
	}

	/**
	 * @param model a loaded model
	 * @return {@link #forJobs(CsraModel, int)} for the engine threads this thread has now (all
	 *         cores unless {@code -Dai.djl.pytorch.num_threads} or {@code OMP_NUM_THREADS}
	 *         says otherwise; {@link PassLanes#forJobs(CsraModel)})
	 */
	static BatchPredictor forJobs(CsraModel model) {
		return of(model, PassLanes.forJobs(model));
	}

	/**
	 * The predictor for whole jobs (datasets, folders): on a CPU with several cores, passes side
	 * by side, one per lane of {@link PassLanes#forJobs} ({@link ConcurrentPasses}); otherwise
	 * {@link #of(CsraModel)}.
	 *
	 * @param model a loaded model
	 * @param cores processors to use
	 * @return the predictor
	 */
	static BatchPredictor forJobs(CsraModel model, int cores) {
		return of(model, PassLanes.forJobs(model, cores));
	}

	private static BatchPredictor of(CsraModel model, PassLanes lanes) {
		if (lanes.lanes() < 2) {
			return of(model);
		}
		return new ConcurrentPasses(model, lanes);
	}

	/**
	 * @param predictions a pass's predictions
	 * @return their sigmoid scores as doubles, one array per image
	 */
	static List<double[]> scoresOf(List<Prediction> predictions) {
		List<double[]> out = new ArrayList<>(predictions.size());
		for (Prediction p : predictions) {
			double[] s = new double[p.scores().length];
			for (int c = 0; c < s.length; c++) {
				s[c] = p.scores()[c];
			}
			out.add(s);
		}
		return out;
	}
}
