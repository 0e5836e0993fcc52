package org.csrafiji.fiji.command;

import ij.ImagePlus;

import org.csrafiji.app.AttentionSettings;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Plugins &gt; CSRA &gt; CSRA Attention Map: heat maps and outlines of where each predicted
 * (or listed) class was found, on the image's overlay; optionally a stack of the maps.
 */
@Plugin(type = Command.class, menuPath = "Plugins>CSRA>CSRA Attention Map")
public class AttentionMapCommand extends ImageCommand {

	@Parameter(label = "Classes (comma-separated; empty = predicted)", required = false, persist = false)
	private String classes = "";

	@Parameter(label = "Head (1 = first)", min = "1", persist = false)
	private int head = 1;

	@Parameter(label = "Heat-map opacity", min = "0", max = "1", stepSize = "0.1", persist = false)
	private double opacity = 0.5;

	@Parameter(label = "Outline at fraction of map maximum", min = "0.01", max = "0.99", stepSize = "0.05", persist = false)
	private double roi_threshold = 0.5;

	@Parameter(label = "Show attention stack", persist = false)
	private boolean show_stack;

	@Parameter(type = ItemIO.OUTPUT, label = "Attention stack", required = false)
	private ImagePlus attention_stack;

	@Override
	protected void execute() {
		attention_stack = models().attention(image(), settings(),
			AttentionSettings.of(classes, head, opacity, roi_threshold, show_stack), feedback())
			.stack();
	}
}
