package org.csrafiji.train;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.jni.JniUtils;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stochastic gradient descent with momentum and weight decay, with torch.optim.SGD's semantics
 * (dampening 0, no Nesterov) and a learning rate per parameter:
 * g = grad + wd * p; buf = momentum * buf + g (buf = g at the first step); p -= lr * buf.
 * Updates run in place with autograd off; gradients are zeroed after each step. Momentum
 * buffers are owned here and closed with it.
 */
public final class SgdMomentum implements AutoCloseable {

	private final List<TrainableParameter> parameters;
	private final double momentum;
	private final double weightDecay;
	private final Map<String, NDArray> buffers = new LinkedHashMap<>();

	/**
	 * @param parameters what to update
	 * @param momentum 0.9 officially
	 * @param weightDecay 1e-4 officially
	 */
	public SgdMomentum(List<TrainableParameter> parameters, double momentum, double weightDecay) {
		this.parameters = List.copyOf(parameters);
		this.momentum = momentum;
		this.weightDecay = weightDecay;
	}

	/**
	 * Applies one update with the gradients that backward left on the parameters.
	 *
	 * @param baseLr the scheduled base learning rate; each parameter uses it times its
	 *          multiplier
	 */
	public void step(double baseLr) {
		boolean grad = JniUtils.isGradMode();
		JniUtils.setGradMode(false);
		try {
			for (TrainableParameter p : parameters) {
				update(p, baseLr * p.lrMultiplier());
			}
		}
		finally {
			JniUtils.setGradMode(grad);
		}
	}

	private void update(TrainableParameter p, double lr) {
		NDArray w = p.array();
		// torch.optim.SGD: g = grad + wd * w; buf = momentum * buf + g; w -= lr * buf. The
		// gradient is updated in place (it is zeroed afterwards anyway), which saves arrays.
		NDArray grad = w.getGradient();
		try (NDArray decay = w.mul((float) weightDecay)) {
			grad.addi(decay);
		}
		NDArray buf = buffers.get(p.key());
		if (buf == null) {
			buffers.put(p.key(), grad.duplicate());
			buf = buffers.get(p.key());
		}
		else {
			buf.muli((float) momentum).addi(grad);
		}
		try (NDArray delta = buf.mul((float) lr)) {
			w.subi(delta);
		}
		grad.muli(0);
		grad.close();
	}

	/** @return parameter key to momentum buffer (live arrays; empty before the first step) */
	public Map<String, NDArray> buffers() {
		return java.util.Collections.unmodifiableMap(buffers);
	}

	/**
	 * Restores momentum buffers (resumption).
	 *
	 * @param key parameter key
	 * @param values buffer values, in the parameter's shape and order
	 */
	public void restoreBuffer(String key, float[] values) {
		for (TrainableParameter p : parameters) {
			if (p.key().equals(key)) {
				NDArray old = buffers.remove(key);
				if (old != null) {
					old.close();
				}
				buffers.put(key, p.array().getManager().create(values, p.array().getShape()));
				return;
			}
		}
	}

	@Override
	public void close() {
		buffers.values().forEach(NDArray::close);
		buffers.clear();
	}
}
