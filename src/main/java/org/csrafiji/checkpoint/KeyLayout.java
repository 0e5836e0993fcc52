package org.csrafiji.checkpoint;

/** How a checkpoint names its tensors, as {@link KeyLayouts#normalize} recognised it. */
public enum KeyLayout {
	/**
	 * The official CSRA code: torchvision backbone names without prefix and heads as
	 * {@code classifier.multi_head.{h}.head.weight}.
	 */
	OFFICIAL,
	/**
	 * mmpretrain: {@code backbone.*} and {@code head.csra_heads.{h}.head.weight} (or a linear
	 * head {@code head.fc.*}); the file wraps them as {@code {"state_dict": ..., "meta": ...}}.
	 */
	MMPRETRAIN,
	/**
	 * A model saved while wrapped in {@code nn.DataParallel}: every name behind
	 * {@code module.}; otherwise official or torchvision names.
	 */
	DATA_PARALLEL,
	/** A torchvision ImageNet classifier: backbone names and {@code fc.weight}/{@code fc.bias}. */
	TORCHVISION,
	/**
	 * A timm ViT classifier: timm's backbone names and {@code head.weight}/{@code head.bias},
	 * read as {@code fc.weight}/{@code fc.bias} for the training-free head.
	 */
	TIMM
}
