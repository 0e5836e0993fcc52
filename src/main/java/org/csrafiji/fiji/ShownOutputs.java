package org.csrafiji.fiji;

import ij.ImagePlus;
import ij.measure.ResultsTable;

import org.scijava.Priority;
import org.scijava.display.Display;
import org.scijava.display.DisplayService;
import org.scijava.module.Module;
import org.scijava.module.ModuleItem;
import org.scijava.module.process.AbstractPostprocessorPlugin;
import org.scijava.module.process.PostprocessorPlugin;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.plugin.PluginInfo;
import org.scijava.plugin.PluginService;

/**
 * Marks outputs of the CSRA commands as handled before SciJava's DisplayPostprocessor
 * (priority very low) sees them, where a display would be wrong or impossible: an ImageJ 1.x
 * {@link ResultsTable} (the commands show it in its own window when there is a UI), an
 * {@link ImagePlus} the command has already shown (a second window otherwise), and any value
 * no display plugin of this application can show (SciJava would log "Ignoring unsupported
 * output" on every run). The values stay readable by scripts ({@code module.getOutput(name)}).
 */
@Plugin(type = PostprocessorPlugin.class, priority = Priority.LOW)
public class ShownOutputs extends AbstractPostprocessorPlugin {

	private static final String COMMANDS = "org.csrafiji.";

	@Parameter(required = false)
	private DisplayService displays;

	@Parameter(required = false)
	private PluginService plugins;

	@Override
	public void process(Module module) {
		Object delegate = module.getDelegateObject();
		if (displays == null || delegate == null || !delegate.getClass().getName().startsWith(
			COMMANDS))
		{
			return; // without a DisplayService nothing displays outputs
		}
		for (ModuleItem<?> item : module.getInfo().outputs()) {
			Object value = item.getValue(module);
			if (value instanceof ResultsTable || value instanceof ImagePlus imp && imp
				.getWindow() != null || value != null && !displayable(value))
			{
				module.resolveOutput(item.getName());
			}
		}
	}

	/** Asks each display plugin, as the DisplayService does, without displaying anything. */
	private boolean displayable(Object value) {
		for (PluginInfo<Display<?>> info : displays.getDisplayPlugins()) {
			Display<?> d = plugins == null ? null : plugins.createInstance(info);
			if (d != null && d.canDisplay(value)) {
				return true;
			}
		}
		return false;
	}
}
