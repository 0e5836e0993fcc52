package org.csrafiji.cli;

import org.csrafiji.core.DatasetException;
import org.csrafiji.eval.PredictionsMerge;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code merge --out ALL.csv [--expect LIST|DIR] SHARD.csv...}: the predictions files of the
 * shards of a cluster array into one ({@link PredictionsMerge}: same model and columns required,
 * an image in two shards kept once when its rows are the same and refused when they differ,
 * written whole). With {@code --expect}, the images there should be, one per line of a text file
 * or every file of a folder, matched by file name without extension: the merged file is written
 * even when some are missing, the missing ones are named and the exit status is 1, so that an
 * array script notices shards that did not finish.
 */
final class MergeCli {

	/** How many names a report lists before it only counts. */
	private static final int SHOWN = 10;

	private MergeCli() {}

	static int run(List<String> args, PrintStream out, PrintStream err) throws IOException {
		Options o = new Options(args, Set.of("out", "expect"), Set.of());
		if (!o.has("out")) {
			throw new UsageException(
				"merge needs --out, the merged predictions file; e.g. merge --out"
					+ " all.csv out-*.csv");
		}
		if (o.positional().isEmpty()) {
			throw new UsageException("merge needs the shards' predictions files; e.g. merge --out"
				+ " all.csv out-*.csv");
		}
		List<String> expected = o.has("expect") ? expected(Path.of(o.get("expect", null))) : null;
		List<Path> shards = o.positional().stream().map(Path::of).toList();
		Path target = Path.of(o.get("out", null));
		PredictionsMerge.Result r = PredictionsMerge.merge(shards, target, expected);
		if (!r.duplicated().isEmpty()) {
			err.println(
				"merge: " + r.duplicated().size() + " image(s) in more than one shard with the"
					+ " same rows, kept once: " + some(r.duplicated()));
		}
		out.println("merged " + r.images() + " image(s) from " + shards.size() + " shard(s) into "
			+ target);
		if (!r.missing().isEmpty()) {
			err.println(
				"csra: error: " + r.missing().size() + " of " + expected.size() + " expected"
					+ " image(s) are in no shard: " + some(r.missing()) + "; " + target
					+ " holds the others."
					+ " Run the shards that did not finish again (they resume) and merge again.");
			return 1;
		}
		return 0;
	}

	/** The images a list file names (one a line, blank lines left out) or a folder holds. */
	private static List<String> expected(Path list) throws IOException {
		if (Files.isDirectory(list)) {
			try (Stream<Path> files = Files.list(list)) {
				return files.filter(Files::isRegularFile).map(p -> p.getFileName().toString())
					.sorted()
					.toList();
			}
		}
		if (!Files.isRegularFile(list)) {
			throw new DatasetException(
				"--expect " + list + " is neither a file listing the images (one"
					+ " a line) nor a folder of them; check the path.");
		}
		List<String> names = new ArrayList<>();
		try (Stream<String> lines = Files.lines(list, StandardCharsets.UTF_8)) {
			lines.map(String::strip).filter(l -> !l.isEmpty()).forEach(names::add);
		}
		return names;
	}

	private static String some(Collection<String> names) {
		List<String> shown = names.stream().limit(SHOWN).toList();
		return String.join(", ", shown) + (names.size() > SHOWN
			? " and " + (names.size() - SHOWN)
				+ " more"
			: "");
	}
}
