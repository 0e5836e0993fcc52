package org.csrafiji.eval;

import java.io.Closeable;
import java.io.IOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

import org.csrafiji.core.DatasetException;
import org.csrafiji.core.OutputFileException;
import org.csrafiji.core.OutputLock;
import org.csrafiji.core.OutputFiles;

/**
 * An output CSV that a run appends to and a later run resumes: the first record names the
 * model ({@link ModelStamp}), the second is the header, then rows, each appended whole in one
 * write. The file is locked ({@link OutputLock}) from opening to closing, so a second run
 * writing it is refused. Opening an existing file reads it as a stream, keeping only the keys
 * of the rows it holds, and
 * <ul>
 * <li>refuses a file of another model, with other columns, or with a row a stopped run could
 * not have left (wrong number of fields, an image twice), saying how to replace it;</li>
 * <li>cuts off a last row a stopped run left unfinished, and replaces a file that holds no
 * more than an unfinished start of what it would write;</li>
 * <li>drops the rows of an error column's failures (rewriting the file in one step), so that
 * those are tried again.</li>
 * </ul>
 * What it did goes to {@link #notes()}. Not for several threads at once.
 */
public final class ResumableCsv implements Closeable {

	/**
	 * How one kind of file is laid out.
	 *
	 * @param header the column names
	 * @param key the key of a row from its first field
	 * @param errorColumn the column that is non-empty on a failure's row, or -1 for none
	 * @param oneRowPerKey whether a key may have only one row
	 */
	public record Layout(List<String> header, UnaryOperator<String> key, int errorColumn,
		boolean oneRowPerKey)
	{

		/** Keeps an unmodifiable copy of the header. */
		public Layout {
			header = List.copyOf(header);
		}
	}

	private final Path file;
	private final Layout layout;
	private final OutputLock lock;
	private final FileChannel channel;
	private final Set<String> done;
	private final int retried;
	private final List<String> notes;

	private ResumableCsv(Path file, Layout layout, OutputLock lock, FileChannel channel,
		Scan scan)
	{
		this.file = file;
		this.layout = layout;
		this.lock = lock;
		this.channel = channel;
		this.done = scan.done;
		this.retried = scan.failed.size();
		this.notes = List.copyOf(scan.notes);
	}

	/** What reading an existing file found. */
	private static final class Scan {

		final Set<String> done = new HashSet<>();
		final Set<String> failed = new HashSet<>();
		final List<String> notes = new ArrayList<>();
		boolean replace;
		boolean stamped;
		long unfinishedAt = -1;
		long failedRows;
	}

	/**
	 * Locks the file, then creates it or resumes it.
	 *
	 * @param file the CSV; its folder must exist
	 * @param stamp the model writing it
	 * @param layout its columns and keys
	 * @return the file, ready to append
	 * @throws OutputFileException when another run writes it, or it cannot be resumed (saying
	 *         why and what to do)
	 */
	public static ResumableCsv open(Path file, ModelStamp stamp, Layout layout) {
		OutputLock lock = OutputLock.acquire(file);
		try {
			Scan scan = Files.exists(file) && Files.size(file) > 0
				? scan(file, stamp, layout)
				: fresh();
			if (scan.replace) {
				OutputFiles.write(file, tmp -> Files.writeString(tmp, preamble(stamp, layout),
					StandardCharsets.UTF_8));
			}
			else if (scan.failedRows > 0 || !scan.stamped && !scan.done.isEmpty()) {
				rewriteWithout(file, stamp, layout);
				if (scan.failedRows > 0) {
					scan.notes.add("retrying " + scan.failed.size() + " file"
						+ (scan.failed.size() == 1
							? ""
							: "s")
						+ " that failed before (their error rows were removed)");
				}
			}
			else if (!scan.stamped) {
				OutputFiles.write(file, tmp -> Files.writeString(tmp, preamble(stamp, layout),
					StandardCharsets.UTF_8));
			}
			else if (scan.unfinishedAt >= 0) {
				try (FileChannel c = FileChannel.open(file, StandardOpenOption.WRITE)) {
					c.truncate(scan.unfinishedAt);
				}
			}
			FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE,
				StandardOpenOption.APPEND);
			return new ResumableCsv(file, layout, lock, channel, scan);
		}
		catch (IOException e) {
			lock.close();
			throw new OutputFileException("Cannot write " + file + ": " + e.getMessage()
				+ "; check that its folder exists and is writable.", e);
		}
		catch (RuntimeException e) {
			lock.close();
			throw e;
		}
	}

	private static Scan fresh() {
		Scan scan = new Scan();
		scan.replace = true;
		return scan;
	}

	private static Scan scan(Path file, ModelStamp stamp, Layout layout) throws IOException {
		Scan scan = new Scan();
		try (CsvReader in = CsvReader.open(file)) {
			CsvReader.Record first = in.next();
			ModelStamp found = first == null ? null : ModelStamp.parse(first.fields());
			CsvReader.Record header = found == null ? first : in.next();
			if (header == null || header.ending() != CsvReader.End.LINE_BREAK) {
				return unfinishedStart(file, stamp, layout, found);
			}
			if (found != null && !found.equals(stamp)) {
				throw new OutputFileException(file + " holds results of " + found.describe()
					+ ", not of "
					+ stamp.describe() + "; a resumed file must come from one model. Choose another"
					+ " output file, or delete this one to start over.");
			}
			if (!header.fields().equals(layout.header())) {
				throw new OutputFileException(
					file + " has other columns than this run writes (other"
						+ " classes, or another tool wrote it: " + shortened(header.fields())
						+ "); choose"
						+ " another output file, or delete this one to start over.");
			}
			scan.stamped = found != null;
			if (found == null) {
				scan.notes
					.add(file + " does not record which model wrote it (an older version wrote"
						+ " it); its rows are kept as results of " + stamp.describe());
			}
			for (CsvReader.Record r; (r = in.next()) != null;) {
				if (r.ending() != CsvReader.End.LINE_BREAK) {
					scan.unfinishedAt = r.start();
					scan.notes
						.add("removed an unfinished last row (line " + r.line() + ") that a stopped"
							+ " run left in " + file + "; it is done again");
					break;
				}
				row(file, layout, r, scan);
			}
		}
		scan.failed.removeAll(scan.done);
		return scan;
	}

	private static void row(Path file, Layout layout, CsvReader.Record r, Scan scan) {
		List<String> fields = r.fields();
		if (fields.size() != layout.header().size()) {
			throw new OutputFileException(file + " line " + r.line() + " has " + fields.size()
				+ " fields but the header has " + layout.header().size()
				+ "; no run of this program"
				+ " writes that, so the file was changed by hand or by another program. Correct that"
				+ " line, or delete the file to start over.");
		}
		String key = layout.key().apply(fields.get(0));
		if (layout.errorColumn() >= 0 && !fields.get(layout.errorColumn()).isEmpty()) {
			scan.failed.add(key);
			scan.failedRows++;
		}
		else if (!scan.done.add(key) && layout.oneRowPerKey()) {
			throw new OutputFileException(file + " line " + r.line() + ": '" + key
				+ "' has a row already"
				+ " (two runs may have written this file at once); delete the repeated rows, or delete"
				+ " the file to start over.");
		}
	}

	/** A file without a whole header: replaced when it is the start of what would be written. */
	private static Scan unfinishedStart(Path file, ModelStamp stamp, Layout layout,
		ModelStamp found)
		throws IOException
	{
		byte[] expected = preamble(stamp, layout).getBytes(StandardCharsets.UTF_8);
		if (Files.size(file) <= expected.length) {
			byte[] actual = Files.readAllBytes(file); // at most the length of a header
			if (Arrays.equals(actual, 0, actual.length, expected, 0, actual.length)) {
				Scan scan = fresh();
				scan.notes
					.add("replaced " + file + ", which held only the unfinished start of a header"
						+ " (a stopped run)");
				return scan;
			}
		}
		throw new OutputFileException(file
			+ " has no whole header" + (found == null
				? ""
				: " after its"
					+ " model line")
			+ " and is not one this program began; choose another output file, or"
			+ " delete this one to start over.");
	}

	/** Rewrites the file with the stamp, the header and the good rows, in one step. */
	private static void rewriteWithout(Path file, ModelStamp stamp, Layout layout)
		throws IOException
	{
		OutputFiles.write(file, tmp -> {
			try (CsvReader in = CsvReader.open(file);
				Writer out = Files.newBufferedWriter(tmp,
					StandardCharsets.UTF_8))
			{
				out.write(preamble(stamp, layout));
				CsvReader.Record first = in.next();
				if (ModelStamp.parse(first.fields()) != null) {
					in.next(); // the header
				}
				for (CsvReader.Record r; (r = in.next()) != null
					&& r.ending() == CsvReader.End.LINE_BREAK;)
				{
					if (layout.errorColumn() < 0
						|| r.fields().get(layout.errorColumn()).isEmpty())
					{
						out.write(Csv.row(r.fields()));
						out.write('\n');
					}
				}
			}
		});
	}

	private static String preamble(ModelStamp stamp, Layout layout) {
		return Csv.row(stamp.fields()) + "\n" + Csv.row(layout.header()) + "\n";
	}

	private static String shortened(List<String> fields) {
		String all = String.join(",", fields);
		return all.length() <= 200 ? all : all.substring(0, 200) + "...";
	}

	/** @return the keys of the rows the file holds, including those appended since opening */
	public Set<String> done() {
		return Set.copyOf(done);
	}

	/**
	 * @param key a row's key
	 * @return whether the file has a (successful) row for it
	 */
	public boolean contains(String key) {
		return done.contains(key);
	}

	/** @return how many keys had only failed rows, which were removed so that they are redone */
	public int retried() {
		return retried;
	}

	/** @return what opening did to the file, for the log; empty when it was simply resumed */
	public List<String> notes() {
		return notes;
	}

	/**
	 * Appends rows in a single write.
	 *
	 * @param rows whole rows, one value per column
	 */
	public void append(List<List<String>> rows) {
		StringBuilder text = new StringBuilder();
		for (List<String> r : rows) {
			if (r.size() != layout.header().size()) {
				throw new IllegalArgumentException(
					r.size() + " values for " + layout.header().size()
						+ " columns");
			}
			text.append(Csv.row(r)).append('\n');
		}
		ByteBuffer bytes = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
		long before = -1;
		try {
			before = channel.size();
			while (bytes.hasRemaining()) {
				channel.write(bytes);
			}
		}
		catch (IOException e) {
			cutBackTo(before); // rows written in part (a full disk) would count as done
			throw new DatasetException("Cannot append to " + file + ": " + e.getMessage()
				+ "; check the free space. Run again to go on from the last whole row.", e);
		}
		for (List<String> r : rows) {
			boolean failed = layout.errorColumn() >= 0 && !r.get(layout.errorColumn()).isEmpty();
			if (!failed) {
				done.add(layout.key().apply(r.get(0)));
			}
		}
	}

	private void cutBackTo(long size) {
		try {
			if (size >= 0) {
				channel.truncate(size);
			}
		}
		catch (IOException e) {
			// the next run cuts an unfinished last row; earlier rows of this write stay
		}
	}

	/** Forces the rows to disk, closes the file and releases its lock. */
	@Override
	public void close() {
		try (OutputLock l = lock; FileChannel c = channel) {
			c.force(false);
		}
		catch (IOException e) {
			throw new DatasetException(
				"Cannot finish writing " + file + ": " + e.getMessage() + ".", e);
		}
	}
}
