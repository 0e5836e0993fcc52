package org.csrafiji.fiji;

import ij.ImagePlus;
import ij.measure.ResultsTable;

import org.scijava.Priority;
import org.scijava.module.Module;
import org.scijava.module.ModuleItem;
import org.scijava.module.process.AbstractPostprocessorPlugin;
import org.scijava.module.process.PostprocessorPlugin;
import org.scijava.plugin.Plugin;

/**
 * Marks the outputs of CSRA commands that need no SciJava display as resolved, before
 * SciJava's DisplayPostprocessor (priority very low) looks at them: an ImageJ 1.x
 * {@link ResultsTable} (the commands show it in its own window when there is a UI, and
 * SciJava has no display for it, so it would log "Ignoring unsupported output") and an
 * {@link ImagePlus} the command has already shown (it would open a second window). The
 * values stay readable by scripts ({@code module.getOutput(name)}).
 */
@Plugin(type = PostprocessorPlugin.class, priority = Priority.LOW)
public class ShownOutputs extends AbstractPostprocessorPlugin {

	private static final String COMMANDS = "org.csrafiji.";

	@Override
	public void process(Module module) {
		Object delegate = module.getDelegateObject();
		if (delegate == null || !delegate.getClass().getName().startsWith(COMMANDS)) {
			return;
		}
		for (ModuleItem<?> item : module.getInfo().outputs()) {
			Object value = item.getValue(module);
			if (value instanceof ResultsTable || value instanceof ImagePlus imp && imp
				.getWindow() != null)
			{
				module.resolveOutput(item.getName());
			}
		}
	}
}
