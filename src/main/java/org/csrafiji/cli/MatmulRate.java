package org.csrafiji.cli;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import org.csrafiji.runtime.Engines;

/**
 * The machine's float32 matrix-multiply rate as the engine reaches it: a 2048 x 2048 by
 * 2048 x 2048 product through DJL (PyTorch's BLAS / oneDNN), timed on demand so that the
 * benchmark can take it beside each forward pass it compares with it (the machine's speed
 * drifts over a run; a rate measured once, before or after, mixes two machine states into
 * one ratio). The bound a convolution network's forward cannot beat by much. Holds two
 * 16 MiB matrices of native memory until closed.
 */
final class MatmulRate implements AutoCloseable {

	/** The matrices' side. */
	static final int SIDE = 2048;

	/** Floating-point operations of one product: 2 * 2048^3. */
	static final double FLOPS = 2.0 * SIDE * SIDE * SIDE;

	private final NDManager manager;
	private final NDArray a;
	private final NDArray b;

	/**
	 * Makes the matrices and runs two untimed products (the engine prepares its kernels on
	 * the first).
	 *
	 * @param device where to multiply
	 */
	MatmulRate(Device device) {
		Engines.inferenceThread();
		manager = NDManager.newBaseManager(device);
		a = manager.randomUniform(-1, 1, new Shape(SIDE, SIDE));
		b = manager.randomUniform(-1, 1, new Shape(SIDE, SIDE));
		productMs();
		productMs();
	}

	/** @return the milliseconds of one product, including the wait for its result */
	double productMs() {
		long t = System.nanoTime();
		try (NDArray c = a.matMul(b)) {
			// Reading one value waits for the product on a GPU too.
			c.get(0, 0).getFloat();
		}
		return (System.nanoTime() - t) / 1e6;
	}

	/**
	 * @param productMs the time of one product
	 * @return the rate it stands for, GFLOP/s
	 */
	static double gflops(double productMs) {
		return FLOPS / (productMs * 1e6);
	}

	@Override
	public void close() {
		manager.close();
	}
}
