package org.csrafiji.app;

import org.csrafiji.core.CsraException;

import java.util.ArrayList;
import java.util.List;

/**
 * What the attention display shows.
 *
 * @param classes class names to show; empty: the predicted classes of each slice
 * @param head which head's attention, counting from 1 (each head has its own temperature)
 * @param opacity heat-map opacity, 0 (invisible) to 1 (opaque)
 * @param roiThreshold outline where the map exceeds this fraction of its maximum (0 to 1)
 * @param showStack also make a 32-bit stack of the upsampled maps
 */
public record AttentionSettings(List<String> classes, int head, double opacity,
	double roiThreshold, boolean showStack)
{

	/** Checks the ranges. */
	public AttentionSettings {
		classes = List.copyOf(classes);
		if (head < 1) {
			throw new CsraException("head counts from 1 (the first head); got " + head + ".");
		}
		if (!(opacity >= 0 && opacity <= 1)) {
			throw new CsraException("opacity must lie between 0 and 1; got " + opacity + ".");
		}
		if (!(roiThreshold > 0 && roiThreshold < 1)) {
			throw new CsraException("roi_threshold is a fraction of the map's maximum and must lie"
				+ " between 0 and 1 (exclusive); got " + roiThreshold + ".");
		}
	}

	/**
	 * @param classList comma-separated class names; blank for the predicted classes
	 * @param head head, from 1
	 * @param opacity heat-map opacity
	 * @param roiThreshold outline threshold
	 * @param showStack make the stack
	 * @return the settings
	 */
	public static AttentionSettings of(String classList, int head, double opacity,
		double roiThreshold, boolean showStack)
	{
		List<String> names = new ArrayList<>();
		if (classList != null) {
			for (String s : classList.split(",")) {
				if (!s.isBlank()) {
					names.add(s.strip());
				}
			}
		}
		return new AttentionSettings(names, head, opacity, roiThreshold, showStack);
	}
}
