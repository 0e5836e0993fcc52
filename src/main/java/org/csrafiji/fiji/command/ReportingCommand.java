package org.csrafiji.fiji.command;

import org.csrafiji.core.CsraException;
import org.csrafiji.fiji.Feedback;
import org.scijava.app.StatusService;
import org.scijava.command.ContextCommand;
import org.scijava.log.LogService;
import org.scijava.plugin.Parameter;

/**
 * What every CSRA command does around its work: a user error (a missing file, a model that does
 * not fit its spec, an image too small) is written to the log and cancels the command with the
 * same message; nothing is thrown at the user.
 * <p>
 * A {@link ContextCommand}, not a DynamicCommand: SciJava wraps it in a CommandModule, so
 * {@code CommandService.run(...)} returns a Future of the finished module and
 * {@code --headless --run} waits for the command (for a command that is itself a Module,
 * CommandService answers null).
 */
abstract class ReportingCommand extends ContextCommand {

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
	 * @param file a file input
	 * @return the file, or null when none was given: a macro's {@code key=[]} gives an empty path
	 */
	protected static java.io.File given(java.io.File file) {
		return file == null || file.getPath().isBlank() ? null : file;
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
