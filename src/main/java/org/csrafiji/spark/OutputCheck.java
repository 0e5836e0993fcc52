package org.csrafiji.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.csrafiji.eval.PredictionsCsv;
import org.csrafiji.eval.SampleKeys;

/**
 * What a run wrote, counted against what it was given: rows, distinct images, images given but
 * missing, images not given, and rows with an error. Images are compared by {@link SampleKeys
 * key} (file name without extension), which is how a predictions file names them.
 *
 * @param rows rows written
 * @param distinct distinct images among them
 * @param missing images given that have no row
 * @param unexpected images with a row that were not given
 * @param errors rows that hold an error instead of scores
 */
public record OutputCheck(long rows, long distinct, long missing, long unexpected, long errors) {

	/**
	 * @param images how many images the run was given
	 * @return whether every one has exactly one row with scores, and nothing else was written
	 */
	public boolean exactlyOnce(int images) {
		return rows == images && distinct == images && missing == 0 && unexpected == 0
			&& errors == 0;
	}

	/**
	 * Reads the Parquet files straight, with Parquet's own reader (no Spark session).
	 *
	 * @param output a {@link ClassifyJob} output folder
	 * @param given the keys of the images it was given
	 * @return the counts of its {@code parquet} rows (all of them, not one per image)
	 * @throws IOException when a file cannot be read
	 */
	public static OutputCheck ofJob(Path output, Set<String> given) throws IOException {
		List<String> keys = new ArrayList<>();
		long errors = 0;
		List<Path> parts;
		try (Stream<Path> files = Files.list(output.resolve("parquet"))) {
			parts = files.filter(f -> f.getFileName().toString().endsWith(".parquet")).toList();
		}
		for (Path part : parts) {
			try (ParquetReader<Group> r = ParquetReader.builder(new GroupReadSupport(),
				new org.apache.hadoop.fs.Path(part.toUri())).build())
			{
				for (Group g = r.read(); g != null; g = r.read()) {
					keys.add(SampleKeys.of(g.getString(PredictionTable.IMAGE, 0)));
					if (g.getFieldRepetitionCount(PredictionTable.ERROR) > 0) {
						errors++;
					}
				}
			}
		}
		return of(keys, given, errors);
	}

	/**
	 * @param csvs the predictions files of {@code classify --out} (one per shard)
	 * @param given the keys of the images it was given
	 * @return the counts of their rows together
	 */
	public static OutputCheck ofClassify(List<Path> csvs, Set<String> given) {
		List<String> keys = csvs.stream().flatMap(c -> PredictionsCsv.read(c).keys().stream())
			.toList();
		return of(keys, given, 0);
	}

	private static OutputCheck of(List<String> keys, Set<String> given, long errors) {
		Set<String> distinct = new HashSet<>(keys);
		long missing = given.stream().filter(k -> !distinct.contains(k)).count();
		long unexpected = distinct.stream().filter(k -> !given.contains(k)).count();
		return new OutputCheck(keys.size(), distinct.size(), missing, unexpected, errors);
	}
}
