/**
 * Fine-tuning CSRA networks with the official recipe: SGD with momentum and per-parameter
 * learning rates, linear warm-up and step decay, masked BCE with logits, flip and
 * RandomResizedCrop augmentation, validation mAP per epoch, PyTorch checkpoints with the
 * official key names, cancellation and resumption.
 */
package org.csrafiji.train;
