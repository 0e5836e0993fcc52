package org.csrafiji.app;

import ij.IJ;
import ij.ImagePlus;

import org.csrafiji.core.ClassLabels;
import org.csrafiji.core.CsraException;
import org.csrafiji.core.Prediction;
import org.csrafiji.eval.ModelStamp;
import org.csrafiji.eval.ResumableCsv;
import org.csrafiji.image.ConversionOptions;
import org.csrafiji.image.ImageFiles;
import org.csrafiji.runtime.CsraModel;
import org.csrafiji.runtime.PassLanes;
import org.csrafiji.runtime.SlicePrediction;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The batch use case: files into one predictions CSV (file, c, z, t, labels, error, one score
 * column per class), the format {@code evaluate --predictions} reads. The CSV
 * ({@link ResumableCsv}) names the model on its first line and is locked while the batch runs.
 * Resumable: files already in the CSV are skipped, files that failed before are tried again;
 * all rows of a file are written at once, so a stopped batch never leaves a file half-written.
 * A file that cannot be read or classified gives an error row, and the batch goes on.
 * <p>
 * Pipelined ({@link ClassificationStream}): the next files are opened, and the input of their
 * first slices converted, on a reader thread while the model runs; on a CPU of several cores
 * the files are classified in passes side by side ({@link PassLanes}); rows are written in the
 * files' order.
 */
public final class BatchClassification {

	/** The columns before the class scores. */
	public static final List<String> FIXED = List.of("file", "c", "z", "t", "labels", "error");

	/**
	 * What to classify.
	 *
	 * @param files the files, in order
	 * @param inputDir the folder the files' keys (the CSV's file column) are relative to
	 * @param outputCsv the CSV to write or resume
	 * @param conversion how pixels become model input
	 * @param threshold the score from which a class is listed in the labels column
	 */
	public record Request(List<Path> files, Path inputDir, Path outputCsv,
		ConversionOptions conversion, double threshold)
	{

		/** Copies the list. */
		public Request {
			files = List.copyOf(files);
		}
	}

	/** Told of each file classified, after its rows were written (e.g. to save its maps). */
	public interface FileDone {

		/**
		 * @param key the file's key in the CSV
		 * @param image what the model said about it; the image is flushed afterwards
		 */
		void classified(String key, ClassifiedImage image);
	}

	private BatchClassification() {}

	/**
	 * @param inputDir the batch's folder
	 * @param file a file in it
	 * @return the file's key: its path relative to the folder, with / as separator
	 */
	public static String key(Path inputDir, Path file) {
		return inputDir.relativize(file).toString().replace('\\', '/');
	}

	/**
	 * @param model the model
	 * @param request the files and the CSV
	 * @param progress progress per file, notes, warnings (one per failed file), cancellation
	 *          between files and between the slices of a file
	 * @param done told of each file classified
	 * @return counts of what happened
	 */
	public static BatchSummary run(CsraModel model, Request request, Progress progress,
		FileDone done)
	{
		List<Path> files = request.files();
		ClassLabels labels = model.spec().classes();
		List<String> header = new ArrayList<>(FIXED);
		labels.names().forEach(header::add);
		Progress perSlice = withoutCounts(progress);
		ImageClassifier classifier = new ImageClassifier(model, request.conversion());
		int classified = 0, skipped = 0, failed = 0, retried;
		boolean cancelled = false;
		try (ResumableCsv csv = open(request.outputCsv(), ModelStamp.of(model.spec()), header)) {
			csv.notes().forEach(progress::info);
			retried = csv.retried();
			List<Integer> todo = new ArrayList<>();
			for (int i = 0; i < files.size(); i++) {
				if (csv.contains(key(request.inputDir(), files.get(i)))) {
					skipped++;
				}
				else {
					todo.add(i);
				}
			}
			try (PassLanes lanes = PassLanes.forJobs(model);
				ClassificationStream<Integer> stream = new ClassificationStream<>(classifier, todo,
					i -> open(files.get(i)), lanes, perSlice))
			{
				while (stream.hasNext()) {
					if (!cancelled && progress.isCancelled()) {
						cancelled = true;
						stream.stop(); // the files under way finish their slice and are kept if whole
						continue;
					}
					ClassificationStream.Result<Integer> r = stream.next();
					String key = key(request.inputDir(), files.get(r.item()));
					progress.progress(r.item(), files.size(), "file " + key);
					if (r.failure() != null) {
						csv.append(List.of(errorRow(key, r.failure(), labels.size())));
						progress.warn(key + ": " + message(r.failure()));
						failed++;
						continue;
					}
					ClassifiedImage ci = r.image();
					if (!ci.complete()) {
						// its rows are not written, so a resumed batch redoes it
						cancelled = true;
						stream.stop();
						ci.image().flush();
						continue;
					}
					csv.append(rows(key, ci, request.threshold()));
					classified++;
					done.classified(key, ci);
					ci.image().flush();
				}
			}
		}
		BatchSummary summary = new BatchSummary(classified, skipped, failed, retried, cancelled);
		progress.progress(files.size(), files.size(), summary.toString());
		progress.info(summary + "; results in " + request.outputCsv());
		progress.finished();
		return summary;
	}

	/** Opens a file (on the reader thread); an unreadable one is logged, not shown. */
	private static ImagePlus open(Path file) {
		IJ.redirectErrorMessages();
		return ImageFiles.open(file);
	}

	/** The progress of a file's slices: notes, warnings and cancellation, but not counts. */
	private static Progress withoutCounts(Progress progress) {
		return new Progress() {

			@Override
			public void progress(int done, int total, String item) {}

			@Override
			public void info(String message) {
				progress.info(message);
			}

			@Override
			public void warn(String message) {
				progress.warn(message);
			}

			@Override
			public boolean isCancelled() {
				return progress.isCancelled();
			}
		};
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
			throw new CsraException("Cannot create the folder of the output CSV '" + csv + "': " + e
				.getMessage() + "; choose a writable place.", e);
		}
		return ResumableCsv.open(csv, model, new ResumableCsv.Layout(header, k -> k, FIXED.indexOf(
			"error"), false));
	}

	private static List<List<String>> rows(String key, ClassifiedImage ci, double threshold) {
		List<List<String>> rows = new ArrayList<>();
		for (SlicePrediction sp : ci.slices()) {
			Prediction p = sp.prediction();
			List<String> r = new ArrayList<>(List.of(key, String.valueOf(sp.position().channel()),
				String.valueOf(sp.position().slice()), String.valueOf(sp.position().frame()), Labels
					.joined(p, threshold),
				""));
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
}
