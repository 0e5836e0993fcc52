package org.csrafiji.train;

import ai.djl.ndarray.NDArray;

/**
 * One parameter the optimiser updates: its state_dict key, its array (with a gradient
 * attached) and the multiple of the base learning rate it is trained with.
 *
 * @param key state_dict key
 * @param array the parameter's value, updated in place
 * @param lrMultiplier 1 for the backbone, 10 for the head in the official recipe
 */
public record TrainableParameter(String key, NDArray array, double lrMultiplier) {}
