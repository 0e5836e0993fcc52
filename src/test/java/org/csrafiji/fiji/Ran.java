package org.csrafiji.fiji;

import org.scijava.Cancelable;
import org.scijava.Context;
import org.scijava.command.Command;
import org.scijava.command.CommandService;
import org.scijava.module.Module;

import java.util.Map;

/**
 * A command that has run, seen through what the tests read: the CommandModule that
 * {@code CommandService.run(class, true, inputs).get()} returns, as a script gets it (with
 * SciJava's pre- and postprocessing).
 *
 * @param module the module that ran
 */
record Ran(Module module) {

	/**
	 * @param ctx the Context
	 * @param cmd the command
	 * @param inputs its inputs by name
	 * @return the module that ran, after it ran
	 * @throws Exception when the run failed
	 */
	static Ran run(Context ctx, Class<? extends Command> cmd, Map<String, Object> inputs)
		throws Exception
	{
		return new Ran(ctx.service(CommandService.class).run(cmd, true, inputs).get());
	}

	boolean isCanceled() {
		return ((Cancelable) module).isCanceled();
	}

	String getCancelReason() {
		return ((Cancelable) module).getCancelReason();
	}

	Object getOutput(String name) {
		return module.getOutput(name);
	}

	Object getInput(String name) {
		return module.getInput(name);
	}
}
