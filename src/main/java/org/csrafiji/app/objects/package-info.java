/**
 * Per-object classification: every ROI (of the ROI Manager, an Overlay or a ROI set) or every
 * label of a label image is cropped with a context margin, squared with more of the image
 * around it rather than stretched ({@link org.csrafiji.image.ObjectCrop}), classified in
 * batches, and reported as one row per object: name or label, centroid, area, labels and
 * scores.
 */
package org.csrafiji.app.objects;
