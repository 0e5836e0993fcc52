package org.csrafiji.fiji.command;

import ij.ImagePlus;
import ij.measure.ResultsTable;

import java.io.File;

import org.csrafiji.fiji.CsraService;
import org.csrafiji.fiji.EvaluateSettings;
import org.csrafiji.fiji.EvaluationReport;
import org.csrafiji.fiji.EvaluationSource;
import org.csrafiji.fiji.InstalledModels;
import org.csrafiji.fiji.ModelChoiceWidget;
import org.csrafiji.render.ResultsTables;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.widget.FileWidget;

/**
 * Plugins &gt; CSRA &gt; CSRA Evaluate: the paper's metrics for saved predictions
 * ({@code scores=predictions_csv}: predictions_csv and labels_file, like
 * {@code evaluate --predictions --labels}) or for a model run over a dataset
 * ({@code scores=model}: model or model_file, dataset_kind and dataset_path, resumable through
 * predictions_out, like {@code evaluate --model --dataset}). Shows the "CSRA Metrics" and
 * "CSRA AP per class" tables and the "CSRA Precision-Recall" plot; headless, they are the
 * command's outputs and no window opens. With output_dir they are saved there too.
 */
@Plugin(type = Command.class, menuPath = "Plugins>CSRA>CSRA Evaluate")
public class EvaluateCommand extends ReportingCommand {

	@Parameter
	private CsraService models;

	@Parameter(label = "Scores from", choices = {EvaluateSettings.FROM_CSV,
		EvaluateSettings.FROM_MODEL}, persist = false)
	private String scores = EvaluateSettings.FROM_CSV;

	@Parameter(label = "Predictions CSV (image,<class...>)", style = FileWidget.OPEN_STYLE, required = false, persist = false)
	private File predictions_csv;

	@Parameter(label = "Labels (CSV, prepared JSON, COCO/WIDER JSON or VOC folder)", style = FileWidget.OPEN_STYLE, required = false, persist = false)
	private File labels_file;

	/** An installed spec's name or "other file"; listed by {@link ModelChoiceWidget}. */
	@Parameter(label = "Model", style = ModelChoiceWidget.STYLE, persist = false)
	private String model = InstalledModels.FILE_CHOICE;

	@Parameter(label = "Other model file (spec .json or checkpoint)", style = FileWidget.OPEN_STYLE, required = false, persist = false)
	private File model_file;

	@Parameter(label = "Device", choices = {"auto", "cpu", "gpu"}, persist = false)
	private String device = "auto";

	@Parameter(label = "Dataset kind", choices = {"voc2007", "coco2014", "wider",
		"csv"}, persist = false)
	private String dataset_kind = "voc2007";

	@Parameter(label = "Dataset folder (or annotation / label file)", style = FileWidget.OPEN_STYLE, required = false, persist = false)
	private File dataset_path;

	/** Not persisted: an empty file would be stored as the working folder. */
	@Parameter(label = "Save scores to (optional, resumable)", style = FileWidget.SAVE_STYLE, required = false, persist = false)
	private File predictions_out;

	@Parameter(label = "Images per batch", min = "1", persist = false)
	private int batch = 8;

	@Parameter(label = "Score threshold", min = "0", max = "1", stepSize = "0.05", persist = false)
	private double threshold = 0.5;

	@Parameter(label = "Label convention", choices = {EvaluateSettings.AUTO, "voc07", "coco",
		"wider"}, persist = false)
	private String convention = EvaluateSettings.AUTO;

	/** Not persisted: an empty folder would be stored as the working folder. */
	@Parameter(label = "Save tables and plot in (optional)", style = FileWidget.DIRECTORY_STYLE, required = false, persist = false)
	private File output_dir;

	@Parameter(type = ItemIO.OUTPUT, label = "CSRA Metrics")
	private ResultsTable metrics_table;

	@Parameter(type = ItemIO.OUTPUT, label = "CSRA AP per class")
	private ResultsTable ap_table;

	@Parameter(type = ItemIO.OUTPUT, label = "CSRA Precision-Recall")
	private ImagePlus precision_recall;

	@Override
	protected void execute() {
		EvaluationSource source = EvaluateSettings.FROM_MODEL.equals(scores)
			? EvaluateSettings
				.modelRun(InstalledModels.find().resolve(model, given(model_file)), device,
					dataset_kind,
					dataset_path, predictions_out, batch)
			: EvaluateSettings.savedPredictions(
				predictions_csv, labels_file);
		EvaluationReport report = models.evaluate(EvaluateSettings.of(source, threshold,
			convention, output_dir), feedback());
		metrics_table = report.metrics();
		ap_table = report.averagePrecision();
		if (ResultsTables.hasUi()) {
			report.show(); // the windows are the outputs; ShownOutputs keeps SciJava from a second
		}
		precision_recall = report.plotImage();
	}
}
