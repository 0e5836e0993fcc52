package org.csrafiji.eval;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.csrafiji.core.DatasetException;
import org.csrafiji.core.OutputFileException;
import org.csrafiji.core.OutputFiles;
import org.csrafiji.core.OutputLock;

/**
 * Merges the predictions files of the shards of one run ({@code classify --shard I/N --out},
 * CSRA Batch Classify with {@code shard=I/N}) into one predictions file. Every shard must name
 * the same model ({@link ModelStamp}) and have the same header, else nothing is written. An
 * image's rows are the rows whose first column names it (one per image, or one per slice of a
 * batch); an image found in several shards with the very same rows is kept once and reported as
 * duplicated, with different rows the merge is refused (two runs disagree, so neither can be
 * chosen silently). The merged file has the shards' model line and header, then the rows sorted
 * by image (as the first column holds it, compared char by char: the order of a single run over
 * the sorted input), each image's rows in their shard's order; it is written whole and moved into
 * place ({@link OutputFiles}) under the output's lock. The rows are held in memory while merging.
 */
public final class PredictionsMerge {

	/**
	 * What a merge did.
	 *
	 * @param images how many images the merged file holds
	 * @param duplicated images found in more than one shard with the same rows (kept once)
	 * @param missing expected images no shard holds, sorted
	 */
	public record Result(int images, Set<String> duplicated, Set<String> missing) {}

	/** An image's rows and the shard they came from. */
	private record Rows(Path shard, List<List<String>> rows) {}

	private PredictionsMerge() {}

	/**
	 * @param shards the shards' predictions files
	 * @param out the merged file to write
	 * @param expected the images there should be (matched by {@link SampleKeys key}), or null
	 *          not to check
	 * @return what was merged, and which images are missing or were duplicated
	 * @throws DatasetException when a shard cannot be read, names another model or other columns,
	 *           or gives an image other rows than another shard
	 * @throws OutputFileException when the output cannot be written
	 */
	public static Result merge(List<Path> shards, Path out, List<String> expected) {
		ModelStamp stamp = null;
		List<String> header = null;
		Path first = null;
		Map<String, Rows> images = new TreeMap<>();
		Set<String> duplicated = new TreeSet<>();
		for (Path shard : shards) {
			if (shard.toAbsolutePath().normalize().equals(out.toAbsolutePath().normalize())) {
				throw new DatasetException(
					shard + " is both a shard and the output; write the merged"
						+ " file to another name.");
			}
			InputFiles.requireFile(shard, "The shard");
			try (CsvReader in = CsvReader.open(shard)) {
				CsvReader.Record r = in.next();
				ModelStamp s = r == null ? null : ModelStamp.parse(r.fields());
				if (s != null) {
					r = in.next();
				}
				if (r == null) {
					throw new DatasetException(shard
						+ " holds no header; a shard's predictions file"
						+ " starts with its model line and header even when it holds no image (was the"
						+ " shard's run started?).");
				}
				List<String> h = in.requireComplete(r).fields();
				if (first == null) {
					first = shard;
					stamp = s;
					header = h;
				}
				else {
					requireSame(first, shard, stamp, s, header, h);
				}
				for (Map.Entry<String, List<List<String>>> e : rowsByImage(shard, in, h.size())
					.entrySet())
				{
					Rows before = images.putIfAbsent(e.getKey(), new Rows(shard, e.getValue()));
					if (before == null) {
						continue;
					}
					if (!before.rows().equals(e.getValue())) {
						throw new DatasetException("Image '" + e.getKey()
							+ "' has different rows in "
							+ before.shard() + " and " + shard
							+ " (two runs classified it differently), so"
							+ " the merge cannot choose; nothing was written. Remove it from one shard,"
							+ " or run that shard again.");
					}
					duplicated.add(e.getKey());
				}
			}
		}
		write(out, stamp, header, images);
		return new Result(images.size(), duplicated, missing(expected, images.keySet()));
	}

	private static void requireSame(Path first, Path shard, ModelStamp a, ModelStamp b,
		List<String> headerA, List<String> headerB)
	{
		if (!Objects.equals(a, b)) {
			throw new DatasetException(
				shard + " holds the scores of " + describe(b) + " but " + first
					+ " those of " + describe(a)
					+ "; shards of one merge must come from the same model,"
					+ " so nothing was written. Merge each model's shards separately.");
		}
		if (!headerA.equals(headerB)) {
			throw new DatasetException(shard + " has the columns " + headerB + " but " + first + " "
				+ headerA
				+ "; shards of one merge must have the same columns, so nothing was written.");
		}
	}

	private static String describe(ModelStamp s) {
		return s == null ? "an unnamed model (no #csra-model line)" : s.describe();
	}

	private static Map<String, List<List<String>>> rowsByImage(Path shard, CsvReader in,
		int width)
	{
		Map<String, List<List<String>>> byImage = new LinkedHashMap<>();
		for (CsvReader.Record r; (r = in.next()) != null;) {
			Csv.Line line = new Csv.Line(r.line(), in.requireComplete(r).fields());
			Csv.checkWidth(shard, line, width);
			byImage.computeIfAbsent(line.fields().get(0), k -> new ArrayList<>())
				.add(line.fields());
		}
		return byImage;
	}

	private static Set<String> missing(List<String> expected, Set<String> images) {
		Set<String> missing = new TreeSet<>();
		if (expected == null) {
			return missing;
		}
		Set<String> have = new TreeSet<>();
		images.forEach(i -> have.add(SampleKeys.of(i)));
		for (String e : expected) {
			if (!have.contains(SampleKeys.of(e))) {
				missing.add(e);
			}
		}
		return missing;
	}

	private static void write(Path out, ModelStamp stamp, List<String> header,
		Map<String, Rows> images)
	{
		try (OutputLock lock = OutputLock.acquire(out)) {
			OutputFiles.write(out, tmp -> {
				try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
					if (stamp != null) {
						w.write(Csv.row(stamp.fields()) + "\n");
					}
					w.write(Csv.row(header) + "\n");
					for (Rows rows : images.values()) {
						for (List<String> row : rows.rows()) {
							w.write(Csv.row(row) + "\n");
						}
					}
				}
			});
		}
		catch (IOException e) {
			throw new OutputFileException("Cannot write " + out + ": " + e.getMessage() + "; check"
				+ " that its folder exists and is writable.", e);
		}
	}
}
