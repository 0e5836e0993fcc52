package org.csrafiji.render;

import org.csrafiji.image.SlicePosition;

/**
 * One class's attention for one slice, upsampled onto the classified rectangle or, for a huge
 * rectangle, onto a smaller grid of its shape that is shown stretched over it
 * ({@link MapGrid}).
 *
 * @param position the slice it belongs to
 * @param className the class
 * @param classIndex the class's index in the model (its colour in overlays)
 * @param score the class's score on that slice
 * @param width map width (the rectangle's, or the reduced grid's)
 * @param height map height
 * @param values row-major attention weights, bilinearly upsampled
 */
public record ClassMap(SlicePosition position, String className, int classIndex, float score,
	int width,
	int height, float[] values)
{

	/** @return the largest value (0 for an empty or all-NaN map) */
	public float max() {
		float m = 0;
		for (float v : values) {
			m = v > m ? v : m;
		}
		return m;
	}

	/** @return the smallest finite value (0 for an empty or all-NaN map) */
	public float min() {
		float m = Float.POSITIVE_INFINITY;
		for (float v : values) {
			m = v < m ? v : m;
		}
		return m == Float.POSITIVE_INFINITY ? 0 : m;
	}
}
