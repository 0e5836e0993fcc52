package org.csrafiji.runtime;

/**
 * Where the time of one forward pass went.
 *
 * @param backboneNanos the backbone forward
 * @param totalNanos the whole call: input to engine, backbone, head, copy-out
 */
public record PassTimings(long backboneNanos, long totalNanos) {}
