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
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line's contract, for every subcommand: {@code --help} prints its usage and exits
 * with 0; a command line that cannot run (an unknown option, a required option left out) exits
 * with 2; input that cannot be used exits with 1; every error is one line starting with
 * {@code csra: error:} and no stack trace.
 */
class CliContractTest {

	@TempDir
	Path dir;

	private record Result(int code, String out, String err) {}

	private static Result run(List<String> args) {
		ByteArrayOutputStream o = new ByteArrayOutputStream();
		ByteArrayOutputStream e = new ByteArrayOutputStream();
		int code = Main.run(args, new PrintStream(o, true, StandardCharsets.UTF_8),
			new PrintStream(e,
				true, StandardCharsets.UTF_8));
		return new Result(code, o.toString(StandardCharsets.UTF_8),
			e.toString(StandardCharsets.UTF_8));
	}

	private static void assertOneErrorLine(Result r, String command) {
		List<String> errors = r.err().lines().filter(l -> l.contains("error")).toList();
		assertEquals(1, errors.size(), command + ": " + r.err());
		assertTrue(errors.get(0).startsWith("csra: error: "), command + ": " + r.err());
		assertFalse(r.err().contains("\tat "), command + " printed a stack trace: " + r.err());
	}

	@Test
	void everySubcommandPrintsItsUsageForHelpAndExitsWithZero() {
		for (String command : Main.COMMANDS) {
			Result r = run(List.of(command, "--help"));
			assertEquals(0, r.code(), command + ": " + r.err());
			assertTrue(r.out().startsWith("usage: ") && r.out().contains("  " + command + " "),
				command
					+ ": " + r.out());
		}
	}

	@Test
	void anUnknownOptionIsAUsageErrorForEverySubcommand() {
		for (String command : Main.COMMANDS) {
			Result r = run(List.of(command, "--no-such-option", "1"));
			assertEquals(2, r.code(), command + ": " + r.err());
			assertOneErrorLine(r, command);
			assertTrue(
				r.err().contains("--no-such-option") && r.err().contains(command + " --help"),
				command + ": " + r.err());
		}
	}

	@Test
	void aRequiredPartLeftOutIsAUsageError() {
		Map<String, List<String>> incomplete = Map.ofEntries(
			Map.entry("classify", List.of("classify", "--checkpoint", "x.pth")),
			Map.entry("attention", List.of("attention", "--checkpoint", "x.pth", "a.png")),
			Map.entry("train", List.of("train", "--data", "csv:x.csv")),
			Map.entry("demo-data", List.of("demo-data")),
			Map.entry("demo-report", List.of("demo-report", "--count", "0")),
			Map.entry("evaluate", List.of("evaluate", "--predictions", "p.csv")),
			Map.entry("download", List.of("download")),
			Map.entry("bench", List.of("bench", "--classes", "many")),
			Map.entry("bench-train", List.of("bench-train", "--size", "big")),
			Map.entry("tiles", List.of("tiles", "--checkpoint", "x.pth", "a.png")),
			Map.entry("objects",
				List.of("objects", "--checkpoint", "x.pth", "--out", "o.csv", "a.png")),
			Map.entry("slide-report", List.of("slide-report", "--scenes", "many")),
			Map.entry("merge", List.of("merge", "--out", "all.csv")));
		assertEquals(Main.COMMANDS.size(), incomplete.size(), "one case per subcommand");
		incomplete.forEach((command, args) -> {
			Result r = run(args);
			assertEquals(2, r.code(), command + ": " + r.err());
			assertOneErrorLine(r, command);
		});
	}

	@Test
	void inputThatCannotBeUsedFailsWithOne() throws IOException {
		Path file = Files.writeString(dir.resolve("not-a-folder"), "x");
		String missing = dir.resolve("missing.pth").toString();
		Path image = dir.resolve("a.png");
		List<List<String>> failing = new ArrayList<>(List.of(
			List.of("classify", "--checkpoint", missing, image.toString()),
			List.of("attention", "--checkpoint", missing, "--out", dir.resolve("o").toString(),
				image
					.toString()),
			List.of("train", "--data", "csv:" + dir.resolve("missing.csv"), "--out",
				dir.resolve("t")
					.toString()),
			List.of("demo-data", "--out", file.resolve("sub").toString(), "--train", "1", "--val",
				"1"),
			List.of("demo-report", "--model", dir.resolve("missing.json").toString()),
			List.of("evaluate", "--predictions", dir.resolve("p.csv").toString(), "--labels",
				dir.resolve(
					"l.csv").toString()),
			List.of("download", "--model", dir.resolve("missing.json").toString()),
			List.of("bench", "--device", "tpu"),
			List.of("bench-train", "--arch", "vit_b16"),
			List.of("tiles", "--checkpoint", missing, "--out", dir.resolve("t").toString(), image
				.toString()),
			List.of("objects", "--checkpoint", missing, "--rois", dir.resolve("r.zip").toString(),
				"--out", dir.resolve("o.csv").toString(), image.toString()),
			List.of("slide-report", "--model", dir.resolve("missing.json").toString()),
			List.of("merge", "--out", dir.resolve("all.csv").toString(), dir.resolve("out-1.csv")
				.toString())));
		assertEquals(Main.COMMANDS.size(), failing.size(), "one case per subcommand");
		for (List<String> args : failing) {
			Result r = run(args);
			assertEquals(1, r.code(), args + ": " + r.err());
			assertOneErrorLine(r, args.get(0));
		}
	}

	@Test
	void anUnknownSubcommandIsAUsageError() {
		Result r = run(List.of("clasify"));
		assertEquals(2, r.code());
		assertTrue(r.err().startsWith("csra: error: unknown command 'clasify'"), r.err());
	}
}
