package org.csrafiji.eval;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.csrafiji.core.ClassLabels;
import org.csrafiji.core.DatasetException;

/**
 * Appends rows to a predictions file ({@link PredictionsCsv}) so that a run can stop at any
 * moment and resume: a new file gets its header by an atomic rename of a finished temporary
 * file, each row goes out in a single append of one whole line, and on opening an existing file
 * a last line left unfinished by a crash is cut off. {@link #written()} tells a resumed run
 * which images it can skip. Not for use by several threads at once.
 */
public final class PredictionsWriter implements Closeable {

	private final Path csv;
	private final ClassLabels classes;
	private final FileChannel channel;
	private final Set<String> written;

	private PredictionsWriter(Path csv, ClassLabels classes, FileChannel channel, Set<String> written) {
		this.csv = csv;
		this.classes = classes;
		this.channel = channel;
		this.written = written;
	}

	/**
	 * Creates the file with its header, or opens an existing one written for the same classes.
	 *
	 * @param csv the predictions file
	 * @param classes its class columns
	 * @return the writer, positioned after the last whole row
	 */
	public static PredictionsWriter open(Path csv, ClassLabels classes) {
		String header = PredictionsCsv.header(classes);
		try {
			if (!Files.exists(csv) || Files.size(csv) == 0) {
				createWithHeader(csv, header);
			}
			else {
				cutUnfinishedLine(csv);
			}
			Set<String> written = new HashSet<>();
			List<Csv.Line> lines = Csv.read(csv);
			if (!lines.get(0).fields().equals(Csv.split(header, csv, 1))) {
				throw new DatasetException(csv + " already holds predictions for other classes (header "
					+ lines.get(0).fields() + "); write to a new file or delete this one.");
			}
			for (Csv.Line line : lines.subList(1, lines.size())) {
				written.add(SampleKeys.of(line.fields().get(0)));
			}
			FileChannel channel = FileChannel.open(csv, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
			return new PredictionsWriter(csv, classes, channel, written);
		}
		catch (IOException e) {
			throw new DatasetException("Cannot write predictions to " + csv + ": " + e.getMessage()
				+ "; check that its folder exists and is writable.", e);
		}
	}

	/** @return the keys of the images that already have a row, including those written since opening */
	public Set<String> written() {
		return Set.copyOf(written);
	}

	/**
	 * Appends one whole row.
	 *
	 * @param image the image's name or path (or {@code name#k} for a crop)
	 * @param scores one finite score per class
	 */
	public void append(String image, double[] scores) {
		if (scores.length != classes.size()) {
			throw new DatasetException("Got " + scores.length + " scores for '" + image + "' but " + csv
				+ " has " + classes.size() + " classes.");
		}
		StringBuilder line = new StringBuilder(Csv.quote(image));
		for (double s : scores) {
			if (!Double.isFinite(s)) {
				throw new DatasetException("Score " + s + " for '" + image + "' is not a finite number;"
					+ " nothing was written for it.");
			}
			line.append(',').append(s);
		}
		ByteBuffer bytes = ByteBuffer.wrap(line.append('\n').toString().getBytes(StandardCharsets.UTF_8));
		try {
			while (bytes.hasRemaining()) {
				channel.write(bytes);
			}
		}
		catch (IOException e) {
			throw new DatasetException("Cannot append to " + csv + ": " + e.getMessage() + ".", e);
		}
		written.add(SampleKeys.of(image));
	}

	/** Forces the rows to disk and closes the file. */
	@Override
	public void close() {
		try (FileChannel c = channel) {
			c.force(false);
		}
		catch (IOException e) {
			throw new DatasetException("Cannot finish writing " + csv + ": " + e.getMessage() + ".", e);
		}
	}

	private static void createWithHeader(Path csv, String header) throws IOException {
		Path dir = csv.toAbsolutePath().getParent();
		Path tmp = Files.createTempFile(dir, csv.getFileName().toString(), ".tmp");
		try {
			Files.writeString(tmp, header + "\n", StandardCharsets.UTF_8);
			try {
				Files.move(tmp, csv, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			}
			catch (AtomicMoveNotSupportedException e) {
				Files.move(tmp, csv, StandardCopyOption.REPLACE_EXISTING);
			}
		}
		finally {
			Files.deleteIfExists(tmp);
		}
	}

	/** Truncates the file after its last line break, dropping a row a crash left half-written. */
	private static void cutUnfinishedLine(Path csv) throws IOException {
		try (FileChannel c = FileChannel.open(csv, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
			long end = c.size();
			ByteBuffer one = ByteBuffer.allocate(1);
			long keep = end;
			while (keep > 0) {
				one.clear();
				c.read(one, keep - 1);
				if (one.get(0) == '\n') {
					break;
				}
				keep--;
			}
			if (keep == 0) {
				throw new DatasetException(csv + " has no complete line, not even its header; delete it"
					+ " and run again.");
			}
			if (keep < end) {
				c.truncate(keep);
			}
		}
	}
}
