package org.csrafiji.train;

import java.nio.file.Path;

/**
 * How a training run ended.
 *
 * @param cancelled whether it was stopped before its last epoch
 * @param epochsDone completed epochs (all runs together when resumed)
 * @param iterations global iterations done
 * @param bestScore validation mAP of the best epoch (or minus its mean loss without
 *          validation data)
 * @param bestEpoch the best epoch, from 0, or -1
 * @param bestSpec spec of the best checkpoint, or null
 * @param lastSpec spec of the last completed epoch's checkpoint, or null
 * @param seconds wall time of this call
 * @param imagesPerSecond training images per second in this call (forward, backward, update,
 *          data)
 */
public record TrainingResult(boolean cancelled, int epochsDone, long iterations,
	double bestScore, int bestEpoch, Path bestSpec, Path lastSpec, double seconds,
	double imagesPerSecond)
{}
