/**
 * ImageJ images to normalised CHW float data for CSRA models: reading every ImageJ type
 * (8-bit, 16-bit, 32-bit, RGB, composite, stacks, hyperstacks, virtual stacks, selections)
 * without changing the image, and resizing as Pillow's BILINEAR filter does, row by row,
 * never through a full-size copy. Plain Java and ImageJ 1.x; nothing here touches DJL.
 * Entry points: {@link org.csrafiji.image.ImageConverter} and
 * {@link org.csrafiji.image.Resampler}.
 */
package org.csrafiji.image;
