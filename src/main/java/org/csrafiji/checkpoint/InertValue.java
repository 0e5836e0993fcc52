package org.csrafiji.checkpoint;

/**
 * What the unpickler puts where a checkpoint's metadata holds a numpy value (a seed, a
 * learning rate, a small array): nothing is reconstructed or executed, and the value is
 * dropped with the rest of the non-tensor entries.
 *
 * @param global the numpy global the pickle named, e.g. numpy._core.multiarray.scalar
 */
record InertValue(String global) {}
