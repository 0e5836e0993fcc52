package org.csrafiji.eval;

import java.io.Closeable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.csrafiji.core.ClassLabels;
import org.csrafiji.core.DatasetException;

/**
 * Appends rows to a predictions file ({@link PredictionsCsv}) so that a run can stop at any
 * moment and resume ({@link ResumableCsv}): the file is locked while it is written, names the
 * model that wrote it, and gets each row in a single append of one whole line; a last line left
 * unfinished by a crash is cut off when the file is opened again. {@link #written()} tells a
 * resumed run which images it can skip. Not for use by several threads at once.
 */
public final class PredictionsWriter implements Closeable {

	private final Path csv;
	private final ClassLabels classes;
	private final ResumableCsv file;

	private PredictionsWriter(Path csv, ClassLabels classes, ResumableCsv file) {
		this.csv = csv;
		this.classes = classes;
		this.file = file;
	}

	/**
	 * Creates the file with its model line and header, or opens an existing one written by the
	 * same model for the same classes.
	 *
	 * @param csv the predictions file
	 * @param classes its class columns
	 * @param model the model whose scores are written
	 * @return the writer, positioned after the last whole row
	 * @throws org.csrafiji.core.CsraException when another run writes the file, or it holds
	 *         another model's scores or other classes
	 */
	public static PredictionsWriter open(Path csv, ClassLabels classes, ModelStamp model) {
		List<String> header = new ArrayList<>();
		header.add(PredictionsCsv.IMAGE);
		header.addAll(classes.names());
		return new PredictionsWriter(csv, classes,
			ResumableCsv.open(csv, model, new ResumableCsv.Layout(
				header, SampleKeys::of, -1, true)));
	}

	/** @return the keys of the images that already have a row, including those written since opening */
	public Set<String> written() {
		return file.done();
	}

	/** @return what opening did to the file (an unfinished row cut off, ...), for the user */
	public List<String> notes() {
		return file.notes();
	}

	/**
	 * Appends one whole row.
	 *
	 * @param image the image's name or path (or {@code name#k} for a crop)
	 * @param scores one finite score per class
	 */
	public void append(String image, double[] scores) {
		if (scores.length != classes.size()) {
			throw new DatasetException(
				"Got " + scores.length + " scores for '" + image + "' but " + csv
					+ " has " + classes.size() + " classes.");
		}
		List<String> row = new ArrayList<>(scores.length + 1);
		row.add(image);
		for (double s : scores) {
			if (!Double.isFinite(s)) {
				throw new DatasetException(
					"Score " + s + " for '" + image + "' is not a finite number;"
						+ " nothing was written for it.");
			}
			row.add(Double.toString(s));
		}
		file.append(List.of(row));
	}

	/** Forces the rows to disk, closes the file and releases its lock. */
	@Override
	public void close() {
		file.close();
	}
}
