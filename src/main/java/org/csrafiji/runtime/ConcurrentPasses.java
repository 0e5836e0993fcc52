package org.csrafiji.runtime;

import java.nio.FloatBuffer;
import java.util.List;

/**
 * A batch run as several forward passes at once, one per lane of {@link PassLanes} (each on a
 * thread of its own with its share of the engine's intra-op threads), for throughput on the
 * CPU. Each image's scores are those of a pass of its own (one image per pass where
 * {@link CsraModel#imagesPerPass()} says so).
 */
final class ConcurrentPasses implements BatchPredictor {

	private final CsraModel model;
	private final PassLanes lanes;

	/**
	 * @param model a loaded model
	 * @param workers passes at once, at least 2
	 * @param threadsEach engine threads of each pass, at least 1
	 */
	ConcurrentPasses(CsraModel model, int workers, int threadsEach) {
		this(model, PassLanes.of(workers, threadsEach));
	}

	/**
	 * @param model a loaded model
	 * @param lanes the lanes, at least 2; closed with this predictor
	 */
	ConcurrentPasses(CsraModel model, PassLanes lanes) {
		this.model = model;
		this.lanes = lanes;
	}

	@Override
	public FloatBuffer newInputBuffer(int batch) {
		return model.newInputBuffer(batch);
	}

	@Override
	public synchronized List<double[]> scores(FloatBuffer input, int count) {
		return BatchPredictor.scoresOf(lanes.predict(model, input, count));
	}

	/** Ends the lanes and sets the engine's thread count back. */
	@Override
	public void close() {
		lanes.close();
	}
}
