package org.csrafiji.render;

import ij.ImagePlus;
import ij.gui.ImageRoi;
import ij.gui.Roi;

import java.util.List;

/**
 * What the attention display added.
 *
 * @param heatMaps the heat-map overlays, named after their class
 * @param outlines the attention-region outlines, named "class (score)"
 * @param stack the stack of upsampled maps, or null when none was asked for or no class was
 *          shown
 */
public record AttentionResult(List<ImageRoi> heatMaps, List<Roi> outlines, ImagePlus stack) {

	/** Copies the lists. */
	public AttentionResult {
		heatMaps = List.copyOf(heatMaps);
		outlines = List.copyOf(outlines);
	}
}
