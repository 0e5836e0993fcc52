package org.csrafiji.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import org.csrafiji.eval.PredictionsCsv;
import org.csrafiji.train.synthetic.SceneGenerator;
import org.csrafiji.train.synthetic.SyntheticDatasetWriter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cluster arrays without Spark: {@code classify --shard I/N --out} over generated scenes with the
 * demo model, then {@code merge}. The merged file must equal one unsharded run's file line for line
 * (the same code path on the same images, so the scores are the same bits: no tolerance), and feed
 * {@code evaluate --predictions}; merge refuses mixed models and different rows for one image, and
 * reports missing and duplicated images.
 */
class ShardMergeTest {

	private static final int IMAGES = 11;
	private static final int SHARDS = 3;

	@TempDir
	static Path dir;

	private static Path scenes;
	private static Path labels;
	private static Path single;
	private static List<Path> shardFiles = new ArrayList<>();

	private record Result(int code, String out, String err) {}

	private static Result run(String... args) {
		ByteArrayOutputStream o = new ByteArrayOutputStream();
		ByteArrayOutputStream e = new ByteArrayOutputStream();
		int code = Main.run(List.of(args), new PrintStream(o, true, StandardCharsets.UTF_8),
			new PrintStream(e, true, StandardCharsets.UTF_8));
		return new Result(code, o.toString(StandardCharsets.UTF_8),
			e.toString(StandardCharsets.UTF_8));
	}

	private static List<String> images(long shuffleSeed) throws IOException {
		try (Stream<Path> files = Files.list(scenes)) {
			List<String> names = new ArrayList<>(
				files.map(Path::toString).filter(f -> f.endsWith(".png"))
					.sorted().toList());
			if (shuffleSeed != 0) {
				Collections.shuffle(names, new Random(shuffleSeed));
			}
			return names;
		}
	}

	private static Result classify(Path out, String shard, List<String> images) {
		List<String> args = new ArrayList<>(List.of("classify", "--model", "models/demo/demo.json",
			"--device", "cpu", "--out", out.toString()));
		if (shard != null) {
			args.addAll(List.of("--shard", shard));
		}
		args.addAll(images);
		return run(args.toArray(new String[0]));
	}

	@BeforeAll
	static void classifyOnceAndInShards() throws IOException {
		scenes = dir.resolve("scenes");
		labels = SyntheticDatasetWriter.write(new SceneGenerator(64, 77), 0, IMAGES, scenes);
		single = dir.resolve("single.csv");
		Result r = classify(single, null, images(0));
		assertEquals(0, r.code(), r.err());
		for (int i = 1; i <= SHARDS; i++) {
			Path out = dir.resolve("out-" + i + ".csv");
			// every node may list the images in another order
			r = classify(out, i + "/" + SHARDS, images(i));
			assertEquals(0, r.code(), r.err());
			shardFiles.add(out);
		}
	}

	private static List<String> imagesOf(Path csv) {
		return PredictionsCsv.read(csv).keys();
	}

	@Test
	void theShardsHoldEveryImageExactlyOnce() throws IOException {
		Map<String, Integer> seen = new HashMap<>();
		for (Path shard : shardFiles) {
			for (String key : imagesOf(shard)) {
				assertEquals(null, seen.put(key, 1), key + " in two shards");
			}
		}
		assertEquals(IMAGES, seen.size());
		assertEquals(imagesOf(single).stream().sorted().toList(), seen.keySet().stream().sorted()
			.toList());
		// each shard is about a third: round-robin over the sorted images
		for (Path shard : shardFiles) {
			int n = imagesOf(shard).size();
			assertTrue(n == IMAGES / SHARDS || n == IMAGES / SHARDS + 1, shard + ": " + n);
		}
	}

	/**
	 * A damaged file in the middle of a shard: the images after it are still classified, the
	 * run ends with status 1 naming it, and once it is replaced the same command adds only its
	 * row. Before, the run stopped at the damaged file on every rerun, so the shard never ended.
	 */
	@Test
	void aDamagedImageDoesNotStopTheRestOfItsShard() throws IOException {
		Path folder = Files.createDirectories(dir.resolve("damaged"));
		List<String> files = new ArrayList<>();
		for (String image : images(0).subList(0, 5)) {
			Path copy = folder.resolve(Path.of(image).getFileName());
			Files.copy(Path.of(image), copy);
			files.add(copy.toString());
		}
		Path damaged = Path.of(files.get(2));
		byte[] good = Files.readAllBytes(damaged);
		Files.write(damaged, java.util.Arrays.copyOf(good, 40)); // a truncated PNG
		Path out = dir.resolve("damaged.csv");
		Result r = classify(out, null, files);
		assertEquals(1, r.code(), r.err());
		assertTrue(r.err().contains(damaged.getFileName().toString()), r.err());
		assertTrue(r.err().contains("1 of 5 images could not be classified"), r.err());
		List<String> keys = imagesOf(out);
		assertEquals(4, keys.size(), keys.toString());
		assertFalse(keys.contains("scene_00002"), keys.toString());

		Files.write(damaged, good);
		r = classify(out, null, files);
		assertEquals(0, r.code(), r.err());
		assertEquals(5, imagesOf(out).size());
		assertEquals(keys, imagesOf(out).subList(0, 4), "the rows written before are kept");
		var reference = PredictionsCsv.read(single);
		var written = PredictionsCsv.read(out);
		for (int i = 0; i < written.keys().size(); i++) {
			String key = written.keys().get(i);
			// the same code on the same image: the same bits
			org.junit.jupiter.api.Assertions.assertArrayEquals(reference.scores().row(reference
				.keys().indexOf(key)), written.scores().row(i), key);
		}
	}

	@Test
	void aShardRunAgainSkipsItsImages() throws IOException {
		Path copy = Files.copy(shardFiles.get(0), dir.resolve("again.csv"));
		List<String> before = Files.readAllLines(copy);
		Result r = classify(copy, "1/" + SHARDS, images(5));
		assertEquals(0, r.code(), r.err());
		assertEquals("", r.out(), "nothing classified again");
		assertEquals(before, Files.readAllLines(copy));
	}

	@Test
	void theMergedFileEqualsTheUnshardedRunAndFeedsEvaluate() throws IOException {
		Path all = dir.resolve("all.csv");
		List<String> args = new ArrayList<>(List.of("merge", "--out", all.toString(), "--expect",
			scenes.toString()));
		shardFiles.forEach(s -> args.add(s.toString()));
		// the label CSV in the folder is expected too; give the images only
		Path list = Files.write(dir.resolve("list.txt"), images(0));
		args.set(4, list.toString());
		Result r = run(args.toArray(new String[0]));
		assertEquals(0, r.code(), r.err());
		assertEquals(Files.readAllLines(single), Files.readAllLines(all));

		Result one = run("evaluate", "--predictions", single.toString(), "--labels",
			labels.toString(),
			"--json");
		Result merged = run("evaluate", "--predictions", all.toString(), "--labels",
			labels.toString(),
			"--json");
		assertEquals(0, merged.code(), merged.err());
		assertEquals(one.out(), merged.out());
	}

	@Test
	void aShardWithoutImagesWritesAFileWithOnlyItsHeader() throws IOException {
		Path empty = dir.resolve("out-12.csv");
		Result r = classify(empty, "12/12", images(0));
		assertEquals(0, r.code(), r.err());
		List<String> lines = Files.readAllLines(empty);
		assertEquals(2, lines.size(), lines.toString());
		assertEquals(Files.readAllLines(single).subList(0, 2), lines, "model line and header");
		Path all = dir.resolve("with-empty.csv");
		List<String> args = new ArrayList<>(
			List.of("merge", "--out", all.toString(), empty.toString()));
		shardFiles.forEach(s -> args.add(s.toString()));
		assertEquals(0, run(args.toArray(new String[0])).code());
		assertEquals(Files.readAllLines(single), Files.readAllLines(all));
	}

	@Test
	void mergeRefusesShardsOfAnotherModel() throws IOException {
		List<String> lines = new ArrayList<>(Files.readAllLines(shardFiles.get(1)));
		assertTrue(lines.get(0).startsWith("#csra-model,name=demo,checkpoint_sha256="),
			lines.get(0));
		lines.set(0, "#csra-model,name=demo,checkpoint_sha256=" + "0".repeat(64));
		Path other = Files.write(dir.resolve("other-model.csv"), lines);
		Path all = dir.resolve("mixed.csv");
		Result r = run("merge", "--out", all.toString(), shardFiles.get(0).toString(), other
			.toString());
		assertEquals(1, r.code(), r.err());
		assertTrue(r.err().startsWith("csra: error: ") && r.err().contains("same model"), r.err());
		assertFalse(Files.exists(all), "nothing written");
	}

	@Test
	void mergeReportsMissingImagesAndStillWritesTheOthers() throws IOException {
		Path all = dir.resolve("partial.csv");
		Path list = Files.write(dir.resolve("expected.txt"), images(0));
		Result r = run("merge", "--out", all.toString(), "--expect", list.toString(),
			shardFiles.get(0)
				.toString(),
			shardFiles.get(2).toString());
		assertEquals(1, r.code(), r.err());
		List<String> missing = imagesOf(shardFiles.get(1));
		assertTrue(r.err().contains(missing.size() + " of " + IMAGES + " expected"), r.err());
		for (String m : missing) {
			assertTrue(r.err().contains(m), m + " not named: " + r.err());
		}
		assertEquals(IMAGES - missing.size(), imagesOf(all).size());
	}

	@Test
	void aDuplicatedImageIsKeptOnceWhenItsRowsAgreeAndRefusedWhenNot() throws IOException {
		Path all = dir.resolve("dup.csv");
		List<String> args = new ArrayList<>(List.of("merge", "--out", all.toString()));
		shardFiles.forEach(s -> args.add(s.toString()));
		args.add(shardFiles.get(0).toString());
		Result r = run(args.toArray(new String[0]));
		assertEquals(0, r.code(), r.err());
		int dup = imagesOf(shardFiles.get(0)).size();
		assertTrue(r.err().contains(dup + " image(s) in more than one shard"), r.err());
		assertEquals(Files.readAllLines(single), Files.readAllLines(all));

		List<String> lines = new ArrayList<>(Files.readAllLines(shardFiles.get(0)));
		String row = lines.get(2);
		int comma = row.indexOf(',');
		lines.set(2, row.substring(0, comma) + ",0.5" + row.substring(row.indexOf(',', comma + 1)));
		Path changed = Files.write(dir.resolve("changed.csv"), lines);
		Path refused = dir.resolve("refused.csv");
		r = run("merge", "--out", refused.toString(), shardFiles.get(0).toString(),
			changed.toString());
		assertEquals(1, r.code(), r.err());
		assertTrue(r.err().contains("different rows"), r.err());
		assertFalse(Files.exists(refused));
	}
}
