package org.csrafiji.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import org.csrafiji.eval.Dataset;
import org.csrafiji.eval.Evaluator;
import org.csrafiji.eval.ScoreMatrix;

import java.util.List;
import java.util.Random;

/**
 * Scores a labelled dataset with the network in inference mode (running batch-norm
 * statistics, no augmentation, autograd off) and reports its mAP as the evaluation package
 * computes it.
 */
public final class Validation {

	private final Dataset dataset;
	private final BatchSource source;
	private final int batchSize;

	/**
	 * @param dataset validation images and labels
	 * @param source its batches (no augmentation)
	 * @param batchSize images per forward pass
	 */
	public Validation(Dataset dataset, BatchSource source, int batchSize) {
		this.dataset = dataset;
		this.source = source;
		this.batchSize = batchSize;
	}

	/**
	 * @param network the network being trained
	 * @return mAP in [0, 1] (NaN when no class has a positive)
	 */
	public double meanAveragePrecision(TrainableNetwork network) {
		int n = source.size();
		int classes = dataset.classes().size();
		int s = network.spec().input().size();
		double[][] scores = new double[n][];
		List<Integer> order = source.order(0, -1);
		for (int start = 0; start < n; start += batchSize) {
			List<Integer> idx = order.subList(start, Math.min(n, start + batchSize));
			Batch b = source.batch(idx, new Random(0));
			try (NDManager call = network.manager().newSubManager()) {
				NDArray x = call.create(b.pixels(), new Shape(b.count(), 3, s, s));
				float[] logits = network.forwardInference(x).get(0).toFloatArray();
				for (int i = 0; i < b.count(); i++) {
					double[] row = new double[classes];
					for (int c = 0; c < classes; c++) {
						row[c] = 1 / (1 + Math.exp(-logits[i * classes + c]));
					}
					scores[idx.get(i)] = row;
				}
			}
		}
		return Evaluator.evaluate(dataset.labelMatrix(), new ScoreMatrix(dataset.classes(),
			scores), 0.5).mAP();
	}
}
