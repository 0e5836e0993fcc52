package org.csrafiji.fiji.command;

import ij.measure.ResultsTable;

import org.csrafiji.fiji.CsraService;
import org.csrafiji.fiji.EngineInfo;
import org.csrafiji.render.ResultsTables;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Plugins &gt; CSRA &gt; CSRA Engine Info: DJL and PyTorch versions, the natives' flavour and
 * folder and where they came from, the GPUs, the device "auto" picks and its memory; into the
 * log and the "CSRA Engine" table (an output; shown only with a UI).
 */
@Plugin(type = Command.class, menuPath = "Plugins>CSRA>CSRA Engine Info")
public class EngineInfoCommand extends ReportingCommand {

	/** Applies the stored libtorch settings before the engine starts. */
	@Parameter
	private CsraService models;

	@Parameter(type = ItemIO.OUTPUT, label = EngineInfo.TITLE)
	private ResultsTable engine_table;

	@Override
	protected void execute() {
		EngineInfo info = EngineInfo.gather();
		feedback().info(info.text());
		engine_table = info.table();
		if (ResultsTables.hasUi()) {
			engine_table.show(EngineInfo.TITLE);
		}
	}
}
