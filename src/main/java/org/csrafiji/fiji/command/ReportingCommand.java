package org.csrafiji.fiji.command;

import ij.IJ;

import org.csrafiji.core.CsraException;
import org.csrafiji.fiji.DialogWording;
import org.csrafiji.fiji.CancelWindow;
import org.csrafiji.fiji.Feedback;
import org.csrafiji.fiji.ProgressLog;
import org.csrafiji.fiji.ProgressSink;
import org.csrafiji.render.ResultsTables;
import org.scijava.app.StatusService;
import org.scijava.command.CommandInfo;
import org.scijava.command.CommandService;
import org.scijava.command.ContextCommand;
import org.scijava.module.ModuleItem;
import org.scijava.log.LogService;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import java.io.File;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

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

	private Feedback feedback;

	@Override
	public final void run() {
		if (ResultsTables.hasUi()) {
			IJ.resetEscape(); // an Esc pressed before this run does not stop it
		}
		try {
			execute();
		}
		catch (CsraException e) {
			fail(DialogWording.message(e, dialogLabels()), null);
		}
		catch (RuntimeException e) {
			fail("CSRA failed unexpectedly: " + e, e);
		}
		finally {
			if (feedback != null) {
				feedback.sink().close();
			}
		}
	}

	/** @return the labels of this command's inputs, for wording a remedy */
	private List<String> dialogLabels() {
		CommandService commands = context().getService(CommandService.class);
		CommandInfo info = commands == null ? null : commands.getCommand(getClass());
		return info == null
			? List.of()
			: StreamSupport.stream(info.inputs().spliterator(), false)
				.map(ModuleItem::getLabel).collect(Collectors.toList());
	}

	/** Does the command's work; CSRA errors are reported by {@link #run()}. */
	protected abstract void execute();

	/**
	 * @param file a file input
	 * @return the file, or null when none was given: a macro's {@code key=[]} gives an empty path
	 */
	protected static File given(File file) {
		return file == null || file.getPath().isBlank() ? null : file;
	}

	/**
	 * Progress, log and cancellation of this run. With a UI, progress goes to the status bar and
	 * a window with a Cancel button, and Esc stops the run too; headless, progress lines with the
	 * rate and the time left go to the log. The run stops after the step under way (a slice, a
	 * file, a batch of images, an iteration) and keeps what is complete.
	 *
	 * @return the feedback of this run
	 */
	protected Feedback feedback() {
		if (feedback == null) {
			boolean ui = ResultsTables.hasUi();
			ProgressSink sink = ui
				? new CancelWindow(title())
				: new ProgressLog(this::info,
					System::nanoTime);
			feedback = new Feedback(status, log, () -> isCanceled() || ui && IJ.escapePressed(),
				sink);
		}
		return feedback;
	}

	private void info(String line) {
		if (log != null) {
			log.info(line);
		}
	}

	private String title() {
		String menu = getClass().getAnnotation(Plugin.class).menuPath();
		return menu.substring(menu.lastIndexOf('>') + 1);
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
