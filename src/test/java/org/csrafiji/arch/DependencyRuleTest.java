package org.csrafiji.arch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The dependency rule of shared/DESIGN.md, checked on every main source file (comments and string
 * literals left out, so only real references count):
 * core -> image, checkpoint -> model -> runtime -> eval, train -> app -> render -> fiji ->
 * fiji.command; cli -> app, render (never fiji, never SciJava); spark -> app. Nothing imports
 * upward; runtime imports neither eval nor ImageJ; image, checkpoint and eval are free of DJL.
 */
class DependencyRuleTest {

	private static final Path MAIN = Path.of("src/main/java");

	/** Each concept and the concepts it may use (besides itself). */
	private static final Map<String, Set<String>> MAY_USE = Map.ofEntries(
		Map.entry("core", Set.of()),
		Map.entry("image", Set.of("core")),
		Map.entry("checkpoint", Set.of("core")),
		Map.entry("model", Set.of("core", "image", "checkpoint")),
		Map.entry("bench", Set.of("core", "checkpoint", "model")),
		Map.entry("runtime", Set.of("core", "image", "checkpoint", "model")),
		Map.entry("eval", Set.of("core", "image", "checkpoint", "model", "runtime")),
		Map.entry("train", Set.of("core", "image", "checkpoint", "model", "runtime", "eval")),
		Map.entry("app",
			Set.of("core", "image", "checkpoint", "model", "runtime", "eval", "train")),
		Map.entry("render",
			Set.of("core", "image", "checkpoint", "model", "runtime", "eval", "train",
				"app")),
		Map.entry("fiji", Set.of("core", "image", "checkpoint", "model", "runtime", "eval", "train",
			"app", "render")),
		Map.entry("fiji.command", Set.of("core", "image", "checkpoint", "model", "runtime", "eval",
			"train", "app", "render", "fiji")),
		Map.entry("cli", Set.of("core", "image", "checkpoint", "model", "runtime", "eval", "train",
			"app", "render", "bench")),
		Map.entry("spark",
			Set.of("core", "image", "checkpoint", "model", "runtime", "eval", "train",
				"app", "bench")),
		Map.entry("updatesite", Set.of("core")));

	/** Outside libraries each concept must not use: prefix to the concepts kept free of it. */
	private static final Map<String, Set<String>> FREE_OF = Map.of(
		"ij.", Set.of("core", "checkpoint", "model", "runtime", "eval", "spark"),
		"ai.djl.", Set.of("core", "image", "checkpoint", "eval"),
		"org.scijava.", Set.of("core", "image", "checkpoint", "model", "runtime", "eval", "train",
			"app", "render", "cli", "spark"),
		"net.imagej.", Set.of("core", "image", "checkpoint", "model", "runtime", "eval", "train",
			"app", "render", "cli", "spark"));

	/**
	 * Uses that break the rule today and go away when another branch of this phase is merged
	 * (the renderers move from fiji to render). Each must still occur - a fixed one fails this test
	 * until it is taken off the list - so the list cannot hide a new break.
	 */
	private static final Set<String> PENDING = Set.of();

	private static final Pattern PROJECT = Pattern
		.compile("(?<![\\w.])org\\.csrafiji\\.([a-z]+(?:\\.[a-z]+)*)\\.[A-Z]");

	@Test
	void everyPackageUsesOnlyWhatTheRuleAllows() throws IOException {
		Set<String> breaks = new TreeSet<>();
		Set<String> unknown = new TreeSet<>();
		for (Path file : sources()) {
			String from = concept(packageOf(file));
			if (!MAY_USE.containsKey(from)) {
				unknown.add(packageOf(file));
				continue;
			}
			String code = code(file);
			Matcher m = PROJECT.matcher(code);
			while (m.find()) {
				String to = concept(m.group(1));
				if (!to.equals(from) && !MAY_USE.get(from).contains(to)) {
					breaks.add(MAIN.relativize(file).toString().replace('\\', '/').replaceFirst(
						"^org/csrafiji/", "") + " uses " + to);
				}
			}
			for (Map.Entry<String, Set<String>> lib : FREE_OF.entrySet()) {
				if (lib.getValue().contains(from) && usesLibrary(code, lib.getKey())) {
					breaks.add(MAIN.relativize(file).toString().replace('\\', '/').replaceFirst(
						"^org/csrafiji/", "") + " uses " + lib.getKey() + "*");
				}
			}
		}
		assertEquals(Set.of(), unknown, "packages the rule does not place; add them to MAY_USE");
		Set<String> fixed = new TreeSet<>(PENDING);
		fixed.removeAll(breaks);
		assertEquals(Set.of(), fixed, "these no longer break the rule; take them off PENDING");
		breaks.removeAll(PENDING);
		assertEquals(Set.of(), breaks, "uses against the dependency rule of shared/DESIGN.md");
	}

	/** The checker itself: it must see a use in code and not one in a comment or a string. */
	@Test
	void theCheckerSeesCodeAndIgnoresCommentsAndStrings() {
		String code = withoutCommentsAndStrings("""
			/** {@link org.csrafiji.fiji.Feedback} */
			String s = "org.csrafiji.fiji.Feedback"; // org.csrafiji.fiji.Feedback
			org.csrafiji.cli.Main.run(null);
			ij.IJ.log(s);
			""");
		Matcher m = PROJECT.matcher(code);
		List<String> found = new ArrayList<>();
		while (m.find()) {
			found.add(m.group(1));
		}
		assertEquals(List.of("cli"), found);
		assertTrue(usesLibrary(code, "ij."));
		assertEquals("fiji", concept("fiji.render.tables"));
		assertEquals("fiji.command", concept("fiji.command"));
		assertEquals("app", concept("app.download"));
	}

	/** @return the source with comments, string and character literals (text blocks too) blanked */
	static String withoutCommentsAndStrings(String src) {
		StringBuilder out = new StringBuilder(src.length());
		int i = 0;
		while (i < src.length()) {
			char c = src.charAt(i);
			String end = null;
			if (src.startsWith("/*", i)) {
				end = "*/";
			}
			else if (src.startsWith("//", i)) {
				end = "\n";
			}
			else if (src.startsWith("\"\"\"", i)) {
				end = "\"\"\"";
				i += 2;
			}
			else if (c == '"' || c == '\'') {
				end = String.valueOf(c);
			}
			if (end == null) {
				out.append(c);
				i++;
				continue;
			}
			int j = i + (src.startsWith("/", i) ? 2 : 1);
			while (j < src.length() && !src.startsWith(end, j)) {
				j += src.charAt(j) == '\\' && end.length() == 1 && !end.equals("\n") ? 2 : 1;
			}
			out.append(' ');
			i = Math.min(src.length(), j + end.length());
		}
		return out.toString();
	}

	private static boolean usesLibrary(String code, String prefix) {
		return Pattern.compile("(?<![\\w.])" + Pattern.quote(prefix) + "[\\w.]*[A-Z]").matcher(code)
			.find();
	}

	/** @return the concept of a package below org.csrafiji: its first name, fiji.command apart */
	private static String concept(String pkg) {
		if (pkg.equals("fiji.command") || pkg.startsWith("fiji.command.")) {
			return "fiji.command";
		}
		int dot = pkg.indexOf('.');
		return dot < 0 ? pkg : pkg.substring(0, dot);
	}

	private static String packageOf(Path file) {
		String rel = MAIN.relativize(file.getParent()).toString().replace('\\', '/').replace('/',
			'.');
		return rel.startsWith("org.csrafiji.") ? rel.substring("org.csrafiji.".length()) : rel;
	}

	private static String code(Path file) {
		try {
			return withoutCommentsAndStrings(Files.readString(file));
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static List<Path> sources() throws IOException {
		try (Stream<Path> files = Files.walk(MAIN.resolve("org/csrafiji"))) {
			return files.filter(f -> f.toString().endsWith(".java") && !f.getParent().equals(MAIN
				.resolve("org/csrafiji"))).toList();
		}
	}
}
