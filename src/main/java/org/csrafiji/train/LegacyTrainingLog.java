package org.csrafiji.train;

import org.csrafiji.core.CsraException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Brings a training log written by earlier versions (header
 * {@code kind,epoch,iteration,lr,loss,val_map}: epochs and iteration lines counted from 0,
 * validation mAP as a fraction) into the current format before a resumed run appends to it, so
 * that one file never mixes two formats. The rewritten file replaces the old one in one move.
 */
final class LegacyTrainingLog {

	/** The header of the earlier format. */
	static final String HEADER = "kind,epoch,iteration,lr,loss,val_map";

	private LegacyTrainingLog() {}

	/**
	 * @param file an existing log
	 * @param current the header the log must end up with
	 * @throws CsraException when the file is neither format, or cannot be rewritten
	 */
	static void upgrade(Path file, String current) {
		try {
			List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
			String first = lines.isEmpty() ? "" : lines.get(0);
			if (first.equals(current)) {
				return;
			}
			if (!first.equals(HEADER)) {
				throw new CsraException("Cannot resume into " + file + ": its first line is '"
					+ first
					+ "', not a CSRA training log header; move the file away or train into a new"
					+ " folder.");
			}
			List<String> out = new ArrayList<>(lines.size());
			out.add(current);
			for (int i = 1; i < lines.size(); i++) {
				if (!lines.get(i).isBlank()) {
					out.add(convert(lines.get(i), file, i + 1));
				}
			}
			Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
			Files.write(tmp, out, StandardCharsets.UTF_8);
			Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING,
				StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException e) {
			throw new CsraException("Cannot update the training log " + file + " for resuming: " + e
				.getMessage(), e);
		}
	}

	/** One line: epoch + 1, iteration lines' iteration + 1, val_map x 100. */
	private static String convert(String line, Path file, int number) {
		String[] f = line.split(",", -1);
		try {
			if (f.length != 6 || !(f[0].equals("iter") || f[0].equals("epoch"))) {
				throw new NumberFormatException(line);
			}
			boolean iteration = f[0].equals("iter");
			f[1] = String.valueOf(Integer.parseInt(f[1]) + 1);
			f[2] = String.valueOf(Long.parseLong(f[2]) + (iteration ? 1 : 0));
			if (!f[5].isEmpty()) {
				f[5] = String.format(Locale.ROOT, "%.4f", 100 * Double.parseDouble(f[5]));
			}
			return String.join(",", f);
		}
		catch (NumberFormatException e) {
			throw new CsraException("Cannot resume into " + file + ": line " + number + " ('" + line
				+ "') is not a training log line; move the file away or train into a new folder.",
				e);
		}
	}
}
