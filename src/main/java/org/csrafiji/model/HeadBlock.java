package org.csrafiji.model;

import org.csrafiji.core.Temperature;

import java.util.List;

/**
 * What every classification head shares: its class count, the feature width it reads, lambda
 * and one temperature per head.
 */
public abstract class HeadBlock extends TorchBlock implements ClassificationHead {

	/** Number of classes C. */
	protected final int classes;
	/** Feature channels d. */
	protected final int width;
	/** Weight of the attention (or max) term. */
	protected final float lambda;
	private final List<Temperature> temperatures;

	/**
	 * @param width feature channels d
	 * @param classes number of classes
	 * @param lambda weight of the attention term
	 * @param temperatures one per head
	 */
	protected HeadBlock(int width, int classes, double lambda, List<Temperature> temperatures) {
		this.width = width;
		this.classes = classes;
		this.lambda = (float) lambda;
		this.temperatures = List.copyOf(temperatures);
	}

	@Override
	public int classes() {
		return classes;
	}

	@Override
	public int featureWidth() {
		return width;
	}

	@Override
	public List<Temperature> temperatures() {
		return temperatures;
	}

	/** @return lambda */
	public float lambda() {
		return lambda;
	}
}
