package org.csrafiji.fiji;

import java.io.File;

import org.scijava.command.Command;
import org.scijava.command.ContextCommand;
import org.scijava.plugin.Parameter;

/**
 * The inputs of the option-test command imagej-legacy was observed with ("Opt Test": two
 * booleans, an int, a double, a string, a choice and two optional files; persisted as
 * SciJava does by default). Runs nothing.
 */
public class LegacyOptionTestCommand extends ContextCommand {

	@Parameter
	private Boolean flag_a = false;

	@Parameter
	private Boolean flag_b = true;

	@Parameter
	private Integer count = 3;

	@Parameter
	private Double threshold = 0.5;

	@Parameter
	private String name = "x";

	@Parameter(choices = {"display range", "slice min-max", "auto"})
	private String choice = "display range";

	@Parameter(required = false)
	private File model_file;

	@Parameter(required = false)
	private File input_dir;

	@Override
	public void run() {
		// the inputs are what is observed
	}

	/** "Opt Test NP": the same inputs, none persisted. */
	public static class NotPersisted extends ContextCommand {

		@Parameter(persist = false)
		private Boolean flag_a = false;

		@Parameter(persist = false)
		private Boolean flag_b = true;

		@Parameter(persist = false)
		private Integer count = 3;

		@Parameter(persist = false)
		private Double threshold = 0.5;

		@Parameter(persist = false)
		private String name = "x";

		@Parameter(choices = {"display range", "slice min-max", "auto"}, persist = false)
		private String choice = "display range";

		@Parameter(required = false, persist = false)
		private File model_file;

		@Parameter(required = false, persist = false)
		private File input_dir;

		@Override
		public void run() {
			// the inputs are what is observed
		}
	}

	/** @return the class standing for an observed command */
	static Class<? extends Command> of(String observed) {
		return observed.equals("Opt Test NP") ? NotPersisted.class : LegacyOptionTestCommand.class;
	}
}
