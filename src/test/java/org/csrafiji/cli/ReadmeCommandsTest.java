package org.csrafiji.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Keeps the documentation true: every {@code java -jar target/csra.jar ...} line in README.md
 * and models/demo/README.md is found, and
 * <ul>
 * <li>each concrete command that needs neither Python nor minutes runs through {@link Main}
 * in this JVM and must exit 0, with the outputs the README shows (the attention run's lines,
 * the JSON fields of classify and evaluate);</li>
 * <li>each other concrete command must be listed in {@link #NOT_RUN} with the reason, so a new
 * command in the README cannot go unchecked;</li>
 * <li>every option any documented line shows, synopses included, must be accepted by its
 * subcommand's parser (checked with an extra unknown option, so nothing runs).</li>
 * </ul>
 */
class ReadmeCommandsTest {

	private static final String PREFIX = "java -jar target/csra.jar ";
	private static final List<Path> DOCS = List.of(Path.of("README.md"), Path.of("models", "demo",
		"README.md"));
	private static final String UNKNOWN = "--zz-readme-check";

	/** Documented commands this test does not run, and why; their options are still checked. */
	static final Map<String, String> NOT_RUN = Map.of( //
		"demo-report", "scores 500 fresh scenes: minutes", //
		"slide-report", "tiles and classifies a 4096 x 4096 slide: minutes", //
		"classify --model models/resnet50.json image.png",
		"needs the TorchScript export of models/export_torchscript.py (Python, torchvision)",
		"bench-train --python python3 --python /usr/bin/python3", "a benchmark beside two Pythons",
		"bench --python python3 --python /usr/bin/python3", "a benchmark beside two Pythons",
		"demo-data --out /tmp/demodata256 --train 3000 --val 300 --size 256 --seed 1",
		"writes 3300 scenes", //
		"train --data csv:/tmp/demodata256/train/labels.csv --val csv:/tmp/demodata256/val/labels.csv"
			+ " --out /tmp/demotrain256 --arch resnet18 --base-width 16 --size 256 --heads 1 --lambda"
			+ " 0.1 --batch 16 --epochs 12 --lr 0.05 --warmup 1 --step 6 --seed 1 --name demo",
		"12 epochs on 3000 scenes: hours on a CI machine", //
		"classify --model models/demo/demo.json --shard $SLURM_ARRAY_TASK_ID/8 --out"
			+ " out-$SLURM_ARRAY_TASK_ID.csv images/*.png",
		"a SLURM array task (ShardMergeTest runs shards of generated scenes)",
		"merge --out all.csv --expect images out-*.csv",
		"needs the array's shard files (ShardMergeTest merges real shards)",
		"download --model models/resnet101_voc07_head1_lam0.1.json",
		"fetches 170 MB from Google Drive: needs the network (WeightsDownloadTest and DownloadCliTest"
			+ " run the download against a local HTTP server)");

	private static final Pattern INLINE = Pattern.compile("`(java -jar target/csra\\.jar [^`]*)`");
	private static final Pattern OPTION = Pattern.compile("(?<![\\w-])--([a-z][a-z0-9-]*)");

	@TempDir
	static Path tmp;

	private static List<String> documented;
	private static Path predictions;

	private String out;
	private String err;

	@BeforeAll
	static void readDocsAndScoreTheDemoSamples() throws IOException {
		Set<String> all = new LinkedHashSet<>();
		for (Path doc : DOCS) {
			all.addAll(commands(Files.readString(doc)));
		}
		documented = new ArrayList<>(all);
		predictions = tmp.resolve("pred.csv");
		int rc = Main.run(List.of("evaluate", "--model", "models/demo/demo.json", "--dataset",
			"csv:models/demo/samples/labels.csv", "--predictions-out", predictions.toString()),
			new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
			new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
		assertEquals(0, rc, "scoring the demo samples for pred.csv");
	}

	/**
	 * The commands of one Markdown text, without {@link #PREFIX}, whitespace collapsed: from
	 * indented code lines (with their continuation lines: a trailing backslash, or deeper
	 * indentation) and from inline code spans.
	 */
	static List<String> commands(String markdown) {
		List<String> found = new ArrayList<>();
		String[] lines = markdown.split("\n", -1);
		for (int i = 0; i < lines.length; i++) {
			String line = lines[i];
			int at = line.indexOf(PREFIX);
			if (at < 0 || !line.startsWith("    ") || line.contains("`")) {
				continue;
			}
			int indent = indent(line);
			StringBuilder command = new StringBuilder(line.substring(at + PREFIX.length()));
			while (i + 1 < lines.length && !lines[i + 1].isBlank() && (command.toString().strip()
				.endsWith("\\") || indent(lines[i + 1]) > indent))
			{
				String text = command.toString().strip();
				command = new StringBuilder(text.endsWith("\\")
					? text.substring(0, text.length() - 1)
					: text).append(' ').append(lines[++i].strip());
			}
			found.add(normalize(command.toString()));
		}
		Matcher m = INLINE.matcher(markdown);
		while (m.find()) {
			found.add(normalize(m.group(1).substring(PREFIX.length())));
		}
		return found;
	}

	private static int indent(String line) {
		int n = 0;
		while (n < line.length() && line.charAt(n) == ' ') {
			n++;
		}
		return n;
	}

	private static String normalize(String command) {
		return command.replace("\\\n", " ").strip().replaceAll("\\s+", " ");
	}

	/** A synopsis shows choices and optional parts; it is checked, not run. */
	private static boolean isSynopsis(String command) {
		return command.contains("[") || command.contains("|") || command.contains("...");
	}

	private int run(List<String> args) {
		ByteArrayOutputStream o = new ByteArrayOutputStream();
		ByteArrayOutputStream e = new ByteArrayOutputStream();
		int status = Main.run(args, new PrintStream(o, true, StandardCharsets.UTF_8),
			new PrintStream(
				e, true, StandardCharsets.UTF_8));
		out = o.toString(StandardCharsets.UTF_8);
		err = e.toString(StandardCharsets.UTF_8);
		return status;
	}

	@Test
	void findsTheDocumentedCommands() {
		assertTrue(documented.size() >= 15, documented.toString());
		assertTrue(documented.contains(
			"attention --model models/demo/demo.json --out demo-output models/demo/samples/*.png"),
			documented.toString());
		assertTrue(documented.stream().anyMatch(c -> c.startsWith("classify [--model SPEC.json]")
			&& c.endsWith("[--all-slices] [--json] IMAGE...")), documented.toString());
		assertTrue(documented.stream().anyMatch(c -> c.startsWith("train --data csv:LABELS.csv")
			&& c.contains("--check-determinism")), documented.toString());
	}

	@Test
	void everyConcreteCommandRunsOrSaysWhyNot() throws IOException {
		Set<String> unexplained = new TreeSet<>();
		for (String command : documented) {
			if (isSynopsis(command) || NOT_RUN.containsKey(command)) {
				continue;
			}
			List<String> args = arguments(command);
			assertEquals(0, run(args), command + "\n" + err);
			if (!checkOutput(command)) {
				unexplained.add(command);
			}
		}
		assertTrue(unexplained.isEmpty(), "README commands this test neither runs with a check nor"
			+ " lists in NOT_RUN: " + unexplained);
	}

	/** The command as arguments: placeholders replaced by real files, globs expanded. */
	private static List<String> arguments(String command) throws IOException {
		List<String> args = new ArrayList<>();
		for (String token : command.split(" ")) {
			String t = switch (token) {
				case "demo-output" -> tmp.resolve("demo-output").toString();
				case "pred.csv" -> predictions.toString();
				case "labels.csv" -> "models/demo/samples/labels.csv";
				default -> token;
			};
			if (t.contains("*")) {
				Path dir = Path.of(t).getParent();
				PathMatcher glob = FileSystems.getDefault().getPathMatcher("glob:" + t);
				try (Stream<Path> files = Files.list(dir)) {
					List<String> matched = files.filter(glob::matches).map(Path::toString).sorted()
						.toList();
					assertFalse(matched.isEmpty(), t + " matches no file");
					args.addAll(matched);
				}
			}
			else {
				args.add(t);
			}
		}
		return args;
	}

	/** Checks what the README says the command prints; false for a command it does not know. */
	private boolean checkOutput(String command) throws IOException {
		if (command.startsWith("attention ")) {
			String readme = Files.readString(DOCS.get(0));
			int start = readme.indexOf("It prints:");
			assertTrue(start > 0, "the README shows what the attention command prints");
			String shown = readme.substring(start, readme.indexOf("\n\n", readme.indexOf("    ",
				start)));
			for (String line : shown.lines().skip(2).map(String::strip).toList()) {
				if (line.equals("...") || line.contains("/path/to/")) {
					continue;
				}
				String expected = line.replace("demo-output/", tmp.resolve("demo-output") + "/");
				assertTrue(out.lines().anyMatch(expected::equals), "README line '" + line
					+ "' not printed:\n" + out);
			}
			return true;
		}
		if (command.startsWith("classify ") && command.contains("--json")) {
			JsonArray results = JsonParser.parseString(out).getAsJsonArray();
			assertEquals(1, results.size());
			JsonObject first = results.get(0).getAsJsonObject();
			assertEquals(List.of("image", "slice", "labels", "scores", "logits"), new ArrayList<>(
				first.keySet()));
			assertEquals(List.of("c", "z", "t"), new ArrayList<>(first.getAsJsonObject("slice")
				.keySet()));
			assertEquals(List.of("circle", "square", "triangle", "cross", "ring"), new ArrayList<>(
				first.getAsJsonObject("scores").keySet()));
			JsonArray labels = first.getAsJsonArray("labels");
			assertEquals("[\"cross\",\"circle\",\"ring\"]", labels.toString());
			return true;
		}
		if (command.startsWith("classify ")) {
			assertEquals(6, out.lines().count(), out);
			assertTrue(out.startsWith("models/demo/samples/scene_00000.png\ttriangle 1.000"), out);
			return true;
		}
		if (command.startsWith("evaluate ") && command.contains("--json")) {
			String readme = Files.readString(DOCS.get(0));
			String sentence = readme.substring(readme.indexOf("prints `{\"mAP\""));
			sentence = sentence.substring(0, sentence.indexOf("in percent"));
			Set<String> named = new LinkedHashSet<>();
			Matcher m = Pattern.compile("\"(\\w+)\"").matcher(sentence);
			while (m.find()) {
				named.add(m.group(1));
			}
			JsonObject json = JsonParser.parseString(out).getAsJsonObject();
			assertEquals(named, json.keySet());
			for (Map.Entry<String, JsonElement> e : json.entrySet()) {
				if (e.getValue().isJsonPrimitive()) {
					double v = e.getValue().getAsDouble();
					assertTrue(v >= 0 && v <= 100, e.getKey() + " in percent: " + v);
				}
			}
			return true;
		}
		return false;
	}

	@Test
	void everyDocumentedOptionIsAccepted() {
		List<String> refused = new ArrayList<>();
		for (String command : documented) {
			String sub = command.split(" ")[0];
			Matcher m = OPTION.matcher(command);
			while (m.find()) {
				String option = m.group(1);
				if (!accepted(sub, option, valueAfter(command, m.end()))) {
					refused.add(sub + " --" + option + " (" + err.strip() + ")");
				}
			}
		}
		assertTrue(refused.isEmpty(), "options the README shows but the command refuses: "
			+ refused);
	}

	/** The option's value in the documentation, or "1". */
	private static String valueAfter(String command, int end) {
		String rest = command.substring(end).strip();
		String next = rest.isEmpty() ? "" : rest.split(" ")[0];
		return next.isEmpty() || next.startsWith("-") || next.startsWith("[")
			? "1"
			: next.replace(
				"]", "").split("\\|")[0];
	}

	/**
	 * Whether the subcommand's parser takes the option. It is tried as --option=VALUE, as
	 * --option VALUE and as a flag, each followed by an unknown option so that nothing runs; it
	 * is refused when every form is answered with "unknown option --option". The flag form comes
	 * only after both value forms were refused, so it never takes the unknown option as a value.
	 */
	private boolean accepted(String sub, String option, String value) {
		List<List<String>> forms = List.of(List.of(sub, "--" + option + "=" + value, UNKNOWN), List
			.of(sub, "--" + option, value, UNKNOWN), List.of(sub, "--" + option, UNKNOWN));
		for (List<String> form : forms) {
			if (run(form) == 0) {
				fail(form + " ran; the unknown option should have stopped it");
			}
			String e = err.toLowerCase(java.util.Locale.ROOT);
			boolean unknown = e.contains("unknown command")
				|| e.contains("unknown option --" + option
					+ ";")
				|| e.contains("unknown option '--" + option + "'") || e.contains(
					"unknown option '--" + option + "=");
			if (!unknown) {
				return true;
			}
		}
		return false;
	}
}
