package org.csrafiji.model;

import java.util.List;

/**
 * What loading a checkpoint into a network found beside the weights it needed.
 *
 * @param notes facts worth a line in the log that need no action, e.g. the ImageNet classifier
 *          the official CSRA training script saves with every model
 * @param warnings things the user may want to check, e.g. keys the network does not use
 */
public record LoadReport(List<String> notes, List<String> warnings) {

	/** Nothing to report. */
	public static final LoadReport NONE = new LoadReport(List.of(), List.of());

	/** Keeps unmodifiable copies. */
	public LoadReport {
		notes = List.copyOf(notes);
		warnings = List.copyOf(warnings);
	}
}
