package org.csrafiji.checkpoint;

import java.util.Objects;

import org.csrafiji.core.CheckpointException;

/**
 * A checkpoint's tensors under the official CSRA names, with what its classifier says about
 * the model: backbone names without prefix, heads as
 * {@code classifier.multi_head.{h}.head.weight}, a torchvision classifier as {@code fc.weight}
 * and {@code fc.bias}. Every other tensor is kept under its (prefix-stripped) name.
 *
 * @param layout how the file named its tensors
 * @param weights the tensors under the official names, in file order
 * @param heads number of CSRA heads; 0 for a torchvision classifier
 * @param classes number of classes: the head (or fc) weight's first dimension
 * @param featureWidth the width of the features the classifier reads: its weight's second
 *          dimension (2048 for ResNet-101)
 */
public record NormalizedCheckpoint(KeyLayout layout, StateDict weights, int heads, int classes,
	int featureWidth)
{

	/** Validates. */
	public NormalizedCheckpoint {
		Objects.requireNonNull(layout, "layout");
		Objects.requireNonNull(weights, "weights");
		if (heads < 0 || classes < 1 || featureWidth < 1) {
			throw new CheckpointException("Checkpoint " + weights.source() + " describes " + heads
				+ " heads, " + classes + " classes and features " + featureWidth + " wide, which no"
				+ " model has. Check the checkpoint.");
		}
	}

	/** @return whether the classifier is a CSRA head rather than a torchvision fc layer */
	public boolean isCsra() {
		return heads > 0;
	}
}
