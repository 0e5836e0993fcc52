package org.csrafiji.fiji.command;

import ij.measure.ResultsTable;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Plugins &gt; CSRA &gt; CSRA Classify: the image's predicted labels and every class's score
 * into the "CSRA Results" table.
 */
@Plugin(type = Command.class, menuPath = "Plugins>CSRA>CSRA Classify")
public class ClassifyCommand extends ImageCommand {

	@Parameter(type = ItemIO.OUTPUT, label = "CSRA Results")
	private ResultsTable results_table;

	@Override
	protected void execute() {
		results_table = models().classify(image(), settings(), feedback()).table();
	}
}
