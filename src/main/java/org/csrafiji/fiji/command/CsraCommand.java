package org.csrafiji.fiji.command;

import org.csrafiji.fiji.ClassifySettings;
import org.csrafiji.fiji.CsraService;
import org.csrafiji.fiji.InstalledModels;
import org.csrafiji.fiji.ModelChoiceWidget;
import org.scijava.plugin.Parameter;
import org.scijava.widget.FileWidget;

import java.io.File;

/**
 * The parameters every CSRA command on images shares: the model, the device, the score
 * threshold, intensity scaling and slices; errors are reported as {@link ReportingCommand}
 * says.
 * <p>
 * The model is named in {@code model}: a spec installed in Fiji's {@code models/csra} folder
 * (or the project's {@code models/}), which the dialog offers in a list
 * ({@link ModelChoiceWidget}), or {@value InstalledModels#FILE_CHOICE}, the default, for the
 * spec or checkpoint in {@code model_file}.
 * <p>
 * No input is persisted: a macro, script or headless run that leaves an input out gets its
 * declared default, never a value chosen in an earlier GUI session.
 */
abstract class CsraCommand extends ReportingCommand {

	@Parameter
	private CsraService models;

	/** A plain text input: the dialog's list of installed names comes from the widget. */
	@Parameter(label = "Model", style = ModelChoiceWidget.STYLE, persist = false)
	private String model = InstalledModels.FILE_CHOICE;

	@Parameter(label = "Other model file (spec .json or checkpoint; TorchScript runs as code)", description = "A model spec or a checkpoint. A spec with a TorchScript backbone (.pt) names"
		+ " a program that runs with your permissions: it is loaded only when the spec says"
		+ " \"trust_code\": true, which you add for files you trust.", style = FileWidget.OPEN_STYLE, required = false, persist = false)
	private File model_file;

	@Parameter(label = "Device", choices = {"auto", "cpu", "gpu"}, persist = false)
	private String device = "auto";

	@Parameter(label = "Score threshold", min = "0.001", max = "0.999", stepSize = "0.05", persist = false)
	private double threshold = 0.5;

	@Parameter(label = "Intensity scaling (16/32-bit)", choices = {
		ClassifySettings.DISPLAY_RANGE, ClassifySettings.SLICE_MIN_MAX}, persist = false)
	private String scaling = ClassifySettings.DISPLAY_RANGE;

	@Parameter(label = "All slices and frames", persist = false)
	private boolean all_slices;

	/** @return the model service */
	protected CsraService models() {
		return models;
	}

	/**
	 * @param useSelection classify the selection's bounds
	 * @return the shared settings
	 */
	protected ClassifySettings settings(boolean useSelection) {
		File file = InstalledModels.find().resolve(model, given(model_file));
		return ClassifySettings.of(file, device, threshold, all_slices, useSelection,
			scaling);
	}
}
