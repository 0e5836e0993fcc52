package org.csrafiji.cli;

import java.util.Arrays;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import org.csrafiji.runtime.Engines;

/**
 * The machine's float32 matrix-multiply rate as the engine reaches it: the median time of a
 * 2048 x 2048 by 2048 x 2048 product through DJL (PyTorch's BLAS / oneDNN), as GFLOP/s
 * (2 * 2048^3 operations). The bound a convolution network's forward cannot beat by much.
 */
final class MatmulRate {

	/** The matrices' side. */
	static final int SIDE = 2048;

	private MatmulRate() {}

	/**
	 * @param device where to multiply
	 * @return GFLOP/s, the median of nine products after two warm-up ones
	 */
	static double gflops(Device device) {
		Engines.inferenceThread();
		try (NDManager m = NDManager.newBaseManager(device)) {
			NDArray a = m.randomUniform(-1, 1, new Shape(SIDE, SIDE));
			NDArray b = m.randomUniform(-1, 1, new Shape(SIDE, SIDE));
			double[] ms = new double[9];
			for (int i = -2; i < ms.length; i++) {
				long t = System.nanoTime();
				try (NDArray c = a.matMul(b)) {
					// Reading one value waits for the product on a GPU too.
					c.get(0, 0).getFloat();
				}
				if (i >= 0) {
					ms[i] = (System.nanoTime() - t) / 1e6;
				}
			}
			Arrays.sort(ms);
			return 2.0 * SIDE * SIDE * SIDE / (ms[ms.length / 2] * 1e6);
		}
	}
}
