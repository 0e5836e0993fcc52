package org.csrafiji.fiji.command;

import org.csrafiji.core.CsraException;
import org.csrafiji.fiji.Feedback;
import org.csrafiji.fiji.InstalledModels;
import org.scijava.app.StatusService;
import org.scijava.command.DynamicCommand;
import org.scijava.log.LogService;
import org.scijava.module.MutableModuleItem;
import org.scijava.plugin.Parameter;

/**
 * What every CSRA command does around its work: a user error (a missing file, a model that does
 * not fit its spec, an image too small) is written to the log and cancels the command with the
 * same message; nothing is thrown at the user.
 */
abstract class ReportingCommand extends DynamicCommand {

	@Parameter
	private LogService log;

	@Parameter
	private StatusService status;

	@Override
	public final void run() {
		try {
			execute();
		}
		catch (CsraException e) {
			fail(e.getMessage(), null);
		}
		catch (RuntimeException e) {
			fail("CSRA failed unexpectedly: " + e, e);
		}
	}

	/** Does the command's work; CSRA errors are reported by {@link #run()}. */
	protected abstract void execute();

	/**
	 * The initializer of commands with a {@code model} input: offers the installed specs, then
	 * the model_file choice.
	 */
	protected void listInstalledModels() {
		MutableModuleItem<String> item = getInfo().getMutableInput("model", String.class);
		item.setChoices(InstalledModels.find().choices());
	}

	/** @return progress, log and cancellation of this command */
	protected Feedback feedback() {
		return new Feedback(status, log, this::isCanceled);
	}

	private void fail(String message, RuntimeException e) {
		if (e == null) {
			log.error("CSRA: " + message);
		}
		else {
			log.error("CSRA: " + message, e);
		}
		if (status != null) {
			status.clearStatus();
		}
		cancel(message);
	}
}
