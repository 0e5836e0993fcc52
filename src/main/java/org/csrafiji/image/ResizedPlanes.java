package org.csrafiji.image;

/**
 * Planes resized to the model's input size, before normalisation: either 8-bit values
 * (from 8-bit and RGB images, as Pillow keeps them) or floats on [0, 1] (from 16-bit and
 * 32-bit images). Exactly one of the two is set.
 *
 * @param bytes unsigned 8-bit planes, or null
 * @param floats [0, 1] planes, or null
 */
record ResizedPlanes(byte[][] bytes, float[][] floats) {}
