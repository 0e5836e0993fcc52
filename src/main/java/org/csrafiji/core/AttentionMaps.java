package org.csrafiji.core;

import java.util.Arrays;
import java.util.List;

/**
 * The per-location outputs of one image's forward pass, for every head and class: the
 * normalised class score map {@code s[c, k]} and the attention weights that the head put on
 * each location (softmax of {@code T * s} over locations, or one-hot at the argmax for an
 * infinite temperature). Maps are row-major {@code height x width} on the feature grid.
 */
public final class AttentionMaps {

	private final List<Temperature> temperatures;
	private final int classes;
	private final int height;
	private final int width;
	private final float[] scoreMaps;
	private final float[] weights;

	/**
	 * @param temperatures one per head, in head order
	 * @param classes number of classes
	 * @param height feature-map height
	 * @param width feature-map width
	 * @param scoreMaps heads x classes x height x width
	 * @param weights heads x classes x height x width
	 */
	public AttentionMaps(List<Temperature> temperatures, int classes, int height, int width,
		float[] scoreMaps, float[] weights)
	{
		long expected = (long) temperatures.size() * classes * height * width;
		if (scoreMaps.length != expected || weights.length != expected) {
			throw new IllegalArgumentException("attention arrays have " + scoreMaps.length + "/"
				+ weights.length + " values, expected " + expected);
		}
		this.temperatures = List.copyOf(temperatures);
		this.classes = classes;
		this.height = height;
		this.width = width;
		this.scoreMaps = scoreMaps;
		this.weights = weights;
	}

	/** @return number of heads */
	public int heads() {
		return temperatures.size();
	}

	/** @return the temperatures in head order */
	public List<Temperature> temperatures() {
		return temperatures;
	}

	/** @return number of classes */
	public int classes() {
		return classes;
	}

	/** @return feature-map height */
	public int height() {
		return height;
	}

	/** @return feature-map width */
	public int width() {
		return width;
	}

	/**
	 * @param head head index
	 * @param cls class index
	 * @return a copy of the class's normalised score map for that head (height x width)
	 */
	public float[] scoreMap(int head, int cls) {
		return slice(scoreMaps, head, cls);
	}

	/**
	 * @param head head index
	 * @param cls class index
	 * @return a copy of the attention weights of that head for the class (height x width)
	 */
	public float[] attention(int head, int cls) {
		return slice(weights, head, cls);
	}

	/**
	 * @param temperature a temperature of one of the heads
	 * @return the index of the first head with that temperature, or -1
	 */
	public int headOf(Temperature temperature) {
		return temperatures.indexOf(temperature);
	}

	private float[] slice(float[] all, int head, int cls) {
		if (head < 0 || head >= heads() || cls < 0 || cls >= classes) {
			throw new IndexOutOfBoundsException("head " + head + " of " + heads() + ", class "
				+ cls + " of " + classes);
		}
		int n = height * width;
		int from = (head * classes + cls) * n;
		return Arrays.copyOfRange(all, from, from + n);
	}
}
