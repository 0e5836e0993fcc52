package org.csrafiji.train;

/**
 * One batch ready for the network: normalised pixels (B, 3, S, S) and, per image and class,
 * the target (1 present, 0 absent) and the mask (1 labelled, 0 ignored), row-major (B, C).
 *
 * @param count B
 * @param pixels normalised CHW data of every image in turn
 * @param targets targets
 * @param mask label mask
 */
public record Batch(int count, float[] pixels, float[] targets, float[] mask) {}
