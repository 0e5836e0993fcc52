package org.csrafiji.fiji;

import ij.IJ;

import org.csrafiji.app.BatchClassification;
import org.csrafiji.app.BatchSummary;
import org.csrafiji.app.ClassifiedImage;
import org.csrafiji.render.AttentionLayers;
import org.csrafiji.render.AttentionStacks;
import org.csrafiji.render.ClassMap;
import org.csrafiji.runtime.CsraModel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * "CSRA Batch Classify" in Fiji: the dialog's folder and pattern listed ({@link BatchFiles}),
 * then {@link BatchClassification} with the log, status bar and Cancel as its progress, and
 * optionally an attention TIFF per file. Headless safe (no windows). A folder and pattern that
 * match no file give a warning, and no model is loaded.
 */
final class BatchTask {

	private static final String TITLE = "CSRA batch";

	private BatchTask() {}

	/**
	 * @param service the model service
	 * @param batch folders and files
	 * @param settings model, device, threshold, conversion
	 * @param feedback progress per file, log, cancellation between files
	 * @return counts of what happened
	 */
	static BatchSummary run(CsraService service, BatchSettings batch, ClassifySettings settings,
		Feedback feedback)
	{
		List<Path> files = BatchFiles.list(batch);
		if (files.isEmpty()) {
			feedback.warn(TITLE + ": " + BatchFiles.noMatch(batch));
			feedback.finished();
			return new BatchSummary(0, 0, 0, 0, false);
		}
		CsraModel model = LoadedModels.get(service, settings, feedback);
		return BatchClassification.run(model, new BatchClassification.Request(files, batch
			.inputDir(), batch.outputCsv(), settings.conversion(), settings.threshold()),
			new TaskProgress(feedback, TITLE), (key, ci) -> {
				if (batch.attentionDir() != null) {
					saveAttention(batch.attentionDir(), key, ci, settings.threshold(), feedback);
				}
			});
	}

	private static void saveAttention(Path dir, String key, ClassifiedImage ci, double threshold,
		Feedback feedback)
	{
		List<ClassMap> maps = AttentionLayers.select(ci, threshold, List.of(), 1);
		if (maps.isEmpty()) {
			return;
		}
		Path out = dir.resolve(attentionFileName(key));
		try {
			Files.createDirectories(dir);
		}
		catch (IOException e) {
			feedback.warn(TITLE + ": cannot create " + dir + ": " + e.getMessage());
			return;
		}
		if (!IJ.saveAsTiff(AttentionStacks.build(key, maps), out.toString())) {
			feedback.warn(TITLE + ": could not write " + out);
		}
	}

	/**
	 * @param key a file's relative path
	 * @return the name of its attention TIFF: the path with / replaced by _, plus
	 *         ".attention.tif"
	 */
	private static String attentionFileName(String key) {
		return key.replace('/', '_') + ".attention.tif";
	}
}
