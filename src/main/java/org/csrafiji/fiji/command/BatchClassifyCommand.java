package org.csrafiji.fiji.command;

import org.csrafiji.app.BatchSummary;
import org.csrafiji.fiji.BatchSettings;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.widget.FileWidget;

import java.io.File;

/**
 * Plugins &gt; CSRA &gt; CSRA Batch Classify: every matching image file of a folder into a
 * CSV, optionally with attention TIFFs; headless safe and resumable.
 */
@Plugin(type = Command.class, menuPath = "Plugins>CSRA>CSRA Batch Classify")
public class BatchClassifyCommand extends CsraCommand {

	@Parameter(label = "Input folder", style = FileWidget.DIRECTORY_STYLE, persist = false)
	private File input_dir;

	@Parameter(label = "Include sub-folders", persist = false)
	private boolean recursive;

	@Parameter(label = "File name pattern (glob)", persist = false)
	private String file_pattern = "*.{tif,tiff,png,jpg,jpeg}";

	@Parameter(label = "Output CSV", style = FileWidget.SAVE_STYLE, persist = false)
	private File output_csv;

	/**
	 * Not persisted: SciJava stores an empty folder ({@code attention_dir=[]}) as the working
	 * directory's absolute path, so a later run without the key would write TIFFs there.
	 */
	@Parameter(label = "Attention TIFF folder (optional)", style = FileWidget.DIRECTORY_STYLE, required = false, persist = false)
	private File attention_dir;

	/**
	 * Which part of the sorted file list to classify, {@code I/N} counted from 1 (see
	 * {@link org.csrafiji.app.Shard}); empty for every file. For cluster arrays: give each task
	 * its own output_csv and merge them with {@code csra.jar merge}.
	 */
	@Parameter(label = "Shard I/N (optional; empty = all files)", required = false, persist = false)
	private String shard = "";

	@Parameter(type = ItemIO.OUTPUT)
	private int classified;

	@Parameter(type = ItemIO.OUTPUT)
	private int skipped;

	@Parameter(type = ItemIO.OUTPUT)
	private int failed;

	@Override
	protected void execute() {
		BatchSummary s = models().batch(BatchSettings.of(input_dir, recursive,
			file_pattern, output_csv, attention_dir, shard), settings(false), feedback());
		classified = s.classified();
		skipped = s.skipped();
		failed = s.failed();
	}
}
