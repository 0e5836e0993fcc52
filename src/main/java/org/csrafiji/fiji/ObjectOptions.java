package org.csrafiji.fiji;

/**
 * Classify ROIs' choices as the command takes them.
 *
 * @param labelImage empty for the ROIs (ROI Manager or Overlay), else the title of an open
 *          label image or the path of a label image file
 * @param margin context on each side, as a fraction of the object's longer side
 * @param minimumSide the smallest crop side in image pixels, 0 for none
 * @param withNeighbours read the crop as it is; else the object is shown alone, the rest of
 *          its crop replaced by the crop's mean outside it
 * @param batch objects per forward pass
 * @param channels empty, or the channels feeding R, G and B ("2" or "2,1,0")
 * @param percentiles empty, or the low and high percentiles ("1,99.8")
 */
public record ObjectOptions(String labelImage, double margin, int minimumSide,
	boolean withNeighbours, int batch, String channels, String percentiles)
{}
