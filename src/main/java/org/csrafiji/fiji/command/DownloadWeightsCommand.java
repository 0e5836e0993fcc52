package org.csrafiji.fiji.command;

import ij.IJ;

import java.io.File;

import org.csrafiji.app.download.WeightsDownload;
import org.csrafiji.core.CsraException;
import org.csrafiji.fiji.Feedback;
import org.csrafiji.fiji.InstalledModels;
import org.csrafiji.fiji.WeightsDownloadTask;
import org.scijava.ItemIO;
import org.scijava.app.StatusService;
import org.scijava.command.Command;
import org.scijava.command.ContextCommand;
import org.scijava.log.LogService;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.widget.FileWidget;

/**
 * Plugins &gt; CSRA &gt; CSRA Download Weights: fetches the published weights of an installed
 * model (by the name the Model lists show, e.g. {@code model=resnet101_voc07_head1_lam0.1}) or
 * of a spec file ({@code model_file}), with progress in the status bar; Esc cancels and keeps
 * what arrived, and running it again resumes. The file is checked (SHA-256 where the spec
 * records one, and a real load into the model's network) before it is put in place. Errors go
 * to the log and cancel the command with the same message. A ContextCommand, so that
 * {@code CommandService.run(...).get()} and {@code --run} wait for it.
 */
@Plugin(type = Command.class, menuPath = "Plugins>CSRA>CSRA Download Weights")
public class DownloadWeightsCommand extends ContextCommand {

	@Parameter
	private LogService log;

	@Parameter(required = false)
	private StatusService status;

	@Parameter(label = "Model (installed name)", required = false, persist = false)
	private String model = "";

	@Parameter(label = "or its spec file (.json)", style = FileWidget.OPEN_STYLE, required = false, persist = false)
	private File model_file;

	@Parameter(type = ItemIO.OUTPUT)
	private String message;

	@Override
	public void run() {
		IJ.resetEscape();
		Feedback feedback = new Feedback(status, log, () -> isCanceled() || IJ.escapePressed()
			|| Thread.currentThread().isInterrupted());
		try {
			message = new WeightsDownloadTask(InstalledModels.find(), new WeightsDownload()).run(
				model,
				model_file, feedback);
		}
		catch (CsraException e) {
			message = e.getMessage();
			log.error("CSRA: " + e.getMessage());
			cancel(e.getMessage());
		}
	}
}
