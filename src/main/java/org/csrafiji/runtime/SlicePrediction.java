package org.csrafiji.runtime;

import org.csrafiji.core.Prediction;
import org.csrafiji.image.SlicePosition;

/**
 * The prediction for one slice position of an image.
 *
 * @param position channel, z slice and frame (1-based)
 * @param prediction logits, scores and attention
 */
public record SlicePrediction(SlicePosition position, Prediction prediction) {}
