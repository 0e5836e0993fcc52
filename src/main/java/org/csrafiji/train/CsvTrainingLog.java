package org.csrafiji.train;

import org.csrafiji.core.CsraException;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * Writes progress as CSV, one line per iteration and one per epoch, flushed at once:
 * {@code kind,epoch,iteration,lr,loss,val_map_percent} with kind "iter" or "epoch". Epochs and
 * iterations count from 1 as every other training message does: an iteration line gives the
 * global number of that iteration, an epoch line the iterations done by its end (so it repeats
 * its last iteration's number); the epoch line's loss is the epoch's mean; the validation mAP
 * is in percent, as everywhere else, and empty on iteration lines and without validation data.
 * Appends when resuming (a log in the earlier format is first brought into this one, see
 * {@link LegacyTrainingLog}).
 */
public final class CsvTrainingLog implements TrainingListener, AutoCloseable {

	/** The first line of the file. */
	public static final String HEADER = "kind,epoch,iteration,lr,loss,val_map_percent";

	private final BufferedWriter out;

	/**
	 * @param file the log file
	 * @param append keep existing lines (resumption)
	 */
	public CsvTrainingLog(Path file, boolean append) {
		try {
			boolean fresh = !append || !Files.exists(file);
			if (!fresh) {
				LegacyTrainingLog.upgrade(file, HEADER);
			}
			out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
				fresh ? StandardOpenOption.TRUNCATE_EXISTING : StandardOpenOption.APPEND);
			if (fresh) {
				line(HEADER);
			}
		}
		catch (IOException e) {
			throw new CsraException("Cannot write the training log " + file + ": " + e.getMessage(),
				e);
		}
	}

	@Override
	public void iteration(int epoch, long iteration, double lr, double loss) {
		line(String.format(Locale.ROOT, "iter,%d,%d,%.8g,%.6f,", epoch + 1, iteration + 1, lr,
			loss));
	}

	@Override
	public void epoch(int epoch, long iteration, double meanLoss, double valMap) {
		line(String.format(Locale.ROOT, "epoch,%d,%d,,%.6f,%s", epoch + 1, iteration, meanLoss,
			Double
				.isNaN(valMap) ? "" : String.format(Locale.ROOT, "%.4f", 100 * valMap)));
	}

	private void line(String s) {
		try {
			out.write(s);
			out.newLine();
			out.flush();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	@Override
	public void close() {
		try {
			out.close();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
