package org.csrafiji.fiji;

import org.csrafiji.app.ImageClassification;
import org.csrafiji.app.ClassifiedImage;
import ij.IJ;
import ij.ImagePlus;

import org.csrafiji.app.ClassifiedImage;
import org.csrafiji.app.Labels;
import org.csrafiji.core.ClassLabels;
import org.csrafiji.core.CsraException;
import org.csrafiji.core.ImageInputException;
import org.csrafiji.core.Prediction;
import org.csrafiji.eval.ModelStamp;
import org.csrafiji.eval.ResumableCsv;
import org.csrafiji.image.ImageFiles;
import org.csrafiji.render.AttentionLayers;
import org.csrafiji.render.AttentionStacks;
import org.csrafiji.render.ClassMap;
import org.csrafiji.runtime.CsraModel;
import org.csrafiji.runtime.SlicePrediction;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * "CSRA Batch Classify": every matching file of a folder into a CSV (file, c, z, t, labels,
 * error, one score column per class), optionally with an attention TIFF per file. Headless
 * safe (no windows). The CSV ({@link ResumableCsv}) names the model on its first line and is
 * locked while the batch runs. Resumable: files already in the CSV are skipped, files that
 * failed before are tried again; all rows of a file are written at once, so a stopped batch
 * never leaves a file half-written. A file that cannot be read or classified gives an error
 * row, and the batch goes on. A folder and pattern that match no file give a warning.
 */
final class BatchClassification {

	/** The columns before the class scores. */
	public static final List<String> FIXED = List.of("file", "c", "z", "t", "labels", "error");

	private BatchClassification() {}

	/**
	 * @param service the model service
	 * @param batch folders and files
	 * @param settings model, device, threshold, conversion
	 * @param feedback progress per file, log, cancellation between files
	 * @return counts of what happened
	 */
	public static BatchSummary run(CsraService service, BatchSettings batch,
		ClassifySettings settings, Feedback feedback)
	{
		List<Path> files = BatchFiles.list(batch);
		if (files.isEmpty()) {
			feedback.warn("CSRA batch: " + BatchFiles.noMatch(batch));
			feedback.finished();
			return new BatchSummary(0, 0, 0, 0, false);
		}
		CsraModel model = LoadedModels.get(service, settings, feedback);
		ClassLabels labels = model.spec().classes();
		List<String> header = new ArrayList<>(FIXED);
		labels.names().forEach(header::add);
		Feedback perSlice = feedback.withoutProgress();
		int classified = 0, skipped = 0, failed = 0, retried;
		boolean cancelled = false;
		try (ResumableCsv csv = open(batch.outputCsv(), ModelStamp.of(model.spec()), header)) {
			csv.notes().forEach(n -> feedback.info("CSRA batch: " + n));
			retried = csv.retried();
			for (int i = 0; i < files.size(); i++) {
				if (feedback.isCancelled()) {
					cancelled = true;
					break;
				}
				String key = BatchFiles.key(batch, files.get(i));
				if (csv.contains(key)) {
					skipped++;
					continue;
				}
				feedback.progress(i, files.size(), "CSRA batch: file " + key);
				ClassifiedImage ci;
				try {
					ci = classify(model, files.get(i), settings, perSlice);
				}
				catch (RuntimeException e) {
					csv.append(List.of(errorRow(key, e, labels.size())));
					feedback.warn("CSRA batch: " + key + ": " + message(e));
					failed++;
					continue;
				}
				if (!ci.complete()) {
					cancelled = true; // its rows are not written, so a resumed batch redoes it
					break;
				}
				csv.append(rows(key, ci, settings.threshold()));
				classified++;
				if (batch.attentionDir() != null) {
					saveAttention(batch.attentionDir(), key, ci, settings.threshold(), feedback);
				}
				ci.image().flush();
			}
		}
		BatchSummary summary = new BatchSummary(classified, skipped, failed, retried, cancelled);
		feedback.progress(files.size(), files.size(), "CSRA batch: " + summary);
		feedback.info("CSRA batch: " + summary + "; results in " + batch.outputCsv());
		feedback.finished();
		return summary;
	}

	/**
	 * Opens the batch's CSV, resuming it: the file is locked while the batch runs; rows of files
	 * already classified are kept, and the error rows of files that failed are removed so that
	 * those files are tried again.
	 */
	private static ResumableCsv open(Path csv, ModelStamp model, List<String> header) {
		Path parent = csv.toAbsolutePath().getParent();
		try {
			Files.createDirectories(parent);
		}
		catch (IOException e) {
			throw new CsraException("Cannot create the folder of output_csv '" + csv + "': " + e
				.getMessage() + "; choose a writable place.", e);
		}
		return ResumableCsv.open(csv, model, new ResumableCsv.Layout(header, k -> k, FIXED.indexOf(
			"error"), false));
	}

	private static ClassifiedImage classify(CsraModel model, Path file,
		ClassifySettings settings, Feedback feedback)
	{
		IJ.redirectErrorMessages(); // an unreadable file is logged, not shown in a dialog
		ImagePlus imp = ImageFiles.open(file);
		return ImageClassification.run(model, imp, settings.conversion(), new TaskProgress(feedback, "CSRA"));
	}

	private static List<List<String>> rows(String key, ClassifiedImage ci, double threshold) {
		List<List<String>> rows = new ArrayList<>();
		for (SlicePrediction sp : ci.slices()) {
			Prediction p = sp.prediction();
			List<String> r = new ArrayList<>(List.of(key, String.valueOf(sp.position().channel()),
				String.valueOf(sp.position().slice()), String.valueOf(sp.position().frame()), Labels
					.joined(p, threshold), ""));
			for (float s : p.scores()) {
				r.add(Float.toString(s));
			}
			rows.add(r);
		}
		return rows;
	}

	private static List<String> errorRow(String key, RuntimeException e, int classes) {
		List<String> r = new ArrayList<>(List.of(key, "", "", "", "", message(e)));
		for (int c = 0; c < classes; c++) {
			r.add("");
		}
		return r;
	}

	private static String message(RuntimeException e) {
		return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
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
			feedback.warn("CSRA batch: cannot create " + dir + ": " + e.getMessage());
			return;
		}
		if (!IJ.saveAsTiff(AttentionStacks.build(key, maps), out.toString())) {
			feedback.warn("CSRA batch: could not write " + out);
		}
	}

	/**
	 * @param key a file's relative path
	 * @return the name of its attention TIFF: the path with / replaced by _, plus
	 *         ".attention.tif"
	 */
	public static String attentionFileName(String key) {
		return key.replace('/', '_') + ".attention.tif";
	}
}
