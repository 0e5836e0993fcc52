package org.csrafiji.runtime;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;

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
		int per = 3 * model.spec().input().size() * model.spec().input().size();
		int parts = Math.min(lanes.lanes(), count);
		List<Future<List<double[]>>> passes = new ArrayList<>(parts);
		try {
			for (int p = 0; p < parts; p++) {
				int from = count * p / parts;
				int to = count * (p + 1) / parts;
				FloatBuffer slice = Passes.images(input, from, to - from, per);
				passes.add(lanes.submit(() -> BatchPredictor.scoresOf(model.predict(slice, to
					- from))));
			}
			List<double[]> out = new ArrayList<>(count);
			for (Future<List<double[]>> pass : passes) {
				out.addAll(PassLanes.await(pass, "the model ran"));
			}
			return out;
		}
		finally {
			for (Future<List<double[]>> pass : passes) {
				pass.cancel(false);
			}
		}
	}

	/** Ends the lanes and sets the engine's thread count back. */
	@Override
	public void close() {
		lanes.close();
	}
}
