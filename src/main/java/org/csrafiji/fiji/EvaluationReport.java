package org.csrafiji.fiji;

import ij.ImagePlus;
import ij.gui.Plot;
import ij.io.FileSaver;
import ij.measure.ResultsTable;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.csrafiji.core.CsraException;
import org.csrafiji.core.OutputFiles;
import org.csrafiji.eval.Csv;
import org.csrafiji.eval.EvaluationResult;
import org.csrafiji.render.MetricsTables;
import org.csrafiji.render.PrecisionRecallPlot;

/**
 * What "CSRA Evaluate" shows: the metrics table, the per-class AP table and the
 * precision-recall plot, with the evaluation they come from.
 *
 * @param result the evaluation
 * @param metrics "CSRA Metrics"
 * @param averagePrecision "CSRA AP per class"
 * @param plot the precision-recall curves
 * @param curves how many curves the plot holds (classes with positives)
 */
public record EvaluationReport(EvaluationResult result, ResultsTable metrics,
	ResultsTable averagePrecision, Plot plot, int curves)
{

	/** File name of the saved metrics table. */
	public static final String METRICS_CSV = "csra_metrics.csv";

	/** File name of the saved per-class table. */
	public static final String AP_CSV = "csra_ap_per_class.csv";

	/** File name of the saved plot. */
	public static final String PLOT_PNG = "csra_precision_recall.png";

	/**
	 * @return the plot drawn as an image titled {@value PrecisionRecallPlot#TITLE}; after
	 *         {@link #show()}, the image of its window
	 */
	public ImagePlus plotImage() {
		return plot.getImagePlus();
	}

	/** Shows both tables and the plot in windows (only with a UI). */
	public void show() {
		metrics.show(MetricsTables.METRICS_TITLE);
		averagePrecision.show(MetricsTables.AP_TITLE);
		plot.show();
	}

	/**
	 * Saves the tables as CSV (the project's dialect, {@link Csv}: class names a spreadsheet would
	 * run are kept as text; each file replaced in one step) and the plot as PNG.
	 *
	 * @param folder created when missing
	 * @throws CsraException naming the file that could not be written
	 */
	public void saveTo(Path folder) {
		try {
			Files.createDirectories(folder);
			writeCsv(metrics, folder.resolve(METRICS_CSV));
			writeCsv(averagePrecision, folder.resolve(AP_CSV));
		}
		catch (IOException e) {
			throw new CsraException(
				"Cannot save the CSRA tables in " + folder + ": " + e.getMessage(), e);
		}
		Path png = folder.resolve(PLOT_PNG);
		if (!new FileSaver(plotImage()).saveAsPng(png.toString())) {
			throw new CsraException("Cannot save the precision-recall plot as " + png + ".");
		}
	}

	private static void writeCsv(ResultsTable table, Path file) throws IOException {
		String[] headings = table.getHeadings();
		StringBuilder text = new StringBuilder(Csv.row(List.of(headings))).append('\n');
		for (int r = 0; r < table.size(); r++) {
			List<String> row = new ArrayList<>(headings.length);
			for (String h : headings) {
				row.add(table.getStringValue(h, r));
			}
			text.append(Csv.row(row)).append('\n');
		}
		OutputFiles.write(file, tmp -> Files.writeString(tmp, text, StandardCharsets.UTF_8));
	}
}
