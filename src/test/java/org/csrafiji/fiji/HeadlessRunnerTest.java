package org.csrafiji.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link HeadlessRunner} in a real Context: what a user sees on stdout, stderr and the exit. */
class HeadlessRunnerTest extends ContextTestBase {

	/** One run: exit status, stdout, stderr. */
	private record Result(int status, String out, String err) {}

	private static Result run(String... args) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int status = HeadlessRunner.run(ctx, new PrintStream(out, true, StandardCharsets.UTF_8),
			new PrintStream(err, true, StandardCharsets.UTF_8), args);
		return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(
			StandardCharsets.UTF_8));
	}

	private static String model() {
		return "model_file=" + FijiFixtures.spec("r18_h1.json");
	}

	@Test
	void anUnreadableImageIsOneLineAndExitTwo(@TempDir Path dir) throws Exception {
		Path junk = Files.writeString(dir.resolve("cells.tif"), "not a TIFF");
		for (String path : List.of(junk.toString(), dir.resolve("missing.tif").toString())) {
			Result r = run("CSRA Classify", "image=" + path, model(), "device=cpu");
			assertEquals(2, r.status(), r.err());
			assertEquals(1, r.err().strip().lines().count(), r.err());
			assertTrue(r.err().startsWith("ImageJ cannot open '" + path + "'"), r.err());
			assertFalse(r.err().contains("Exception"), r.err());
		}
	}

	@Test
	void anUnknownKeyIsRefusedNamingTheValidOnes() {
		Result r = run("CSRA Classify", "treshold=0.3");
		assertEquals(1, r.status());
		assertEquals(1, r.err().strip().lines().count(), r.err());
		assertTrue(r.err().contains("no input 'treshold'"), r.err());
		for (String key : List.of("image", "model", "model_file", "device", "threshold", "scaling",
			"all_slices", "use_selection", "save_outputs"))
		{
			assertTrue(r.err().contains(key), key + " not named: " + r.err());
		}
	}

	/** The README's HeadlessRunner line, its files put in a folder. */
	private static String[] readmeLine(Path dir) throws Exception {
		String readme = Files.readString(Path.of("README.md"));
		java.util.regex.Matcher m = java.util.regex.Pattern.compile(
			"org\\.csrafiji\\.fiji\\.HeadlessRunner (\"[^\"]+\")((?: [a-z_]+=\\S+)+)")
			.matcher(readme);
		assertTrue(m.find(), "README has no HeadlessRunner line");
		List<String> args = new java.util.ArrayList<>();
		args.add(m.group(1).substring(1, m.group(1).length() - 1));
		for (String a : m.group(2).strip().split(" ")) {
			args.add(a.replace("image=cells.tif", "image=" + dir.resolve("cells.tif")).replace(
				"/path/spec.json", FijiFixtures.spec("r18_h1.json").toString())
				.replace("save_outputs=",
					"save_outputs=" + dir + "/"));
		}
		return args.toArray(new String[0]);
	}

	@Test
	void printsTheTableAndSavesImageAndTableOutputs(@TempDir Path dir) throws Exception {
		Path image = dir.resolve("cells.tif");
		IJ.saveAsTiff(FijiFixtures.image(ImagePlus.GRAY8, 64, 64, 1, 21), image.toString());
		Path saved = dir.resolve("attention");
		Result r = run(readmeLine(dir));
		assertEquals(0, r.status(), r.err());
		ImagePlus stack = IJ.openImage(saved.resolve("attention_stack.tif").toString());
		assertEquals(2, stack.getStackSize(), "one slice per listed class");
		try (var files = Files.list(saved)) {
			assertEquals(List.of("attention_stack.tif"), files.map(p -> p.getFileName().toString())
				.toList(), "no temporary file left");
		}

		r = run("CSRA Classify", "image=" + image, model(), "device=cpu", "save_outputs=" + saved);
		assertEquals(0, r.status(), r.err());
		assertTrue(r.out().lines().anyMatch(l -> l.startsWith("Image")), r.out());
		List<String> csv = Files.readAllLines(saved.resolve("results_table.csv"));
		assertTrue(csv.get(0).contains("Labels") && csv.get(0).contains(","), csv.get(0));
		assertTrue(csv.get(csv.size() - 1).contains("cells.tif"), csv.toString());
	}

	@Test
	void aRunInItsOwnJvmPrintsNoSlf4jWarnings(@TempDir Path dir) throws Exception {
		Path image = dir.resolve("cells.tif");
		IJ.saveAsTiff(FijiFixtures.image(ImagePlus.GRAY8, 64, 64, 1, 22), image.toString());
		Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
			.toString(), "-Djava.awt.headless=true", "-Dai.djl.offline=true",
			"-Djava.util.prefs.userRoot=" + dir.resolve("prefs"), "-cp", System.getProperty(
				"java.class.path"),
			HeadlessRunner.class.getName(), "CSRA Classify", "image=" + image,
			model(), "device=cpu").redirectOutput(dir.resolve("out.txt").toFile()).redirectError(dir
				.resolve("err.txt").toFile())
			.start();
		assertEquals(0, p.waitFor(), Files.readString(dir.resolve("err.txt")));
		String err = Files.readString(dir.resolve("err.txt"));
		assertFalse(err.contains("SLF4J"), err);
		assertTrue(Files.readString(dir.resolve("out.txt")).contains("cells.tif"));
	}

	@Test
	void anUnreadableImageInItsOwnJvmPrintsOnlyTheOneLine(@TempDir Path dir) throws Exception {
		Path junk = Files.writeString(dir.resolve("junk.tif"), "not a TIFF");
		Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
			.toString(), "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"),
			HeadlessRunner.class.getName(), "CSRA Classify", "image=" + junk, model())
			.redirectOutput(
				dir.resolve("out.txt").toFile())
			.redirectError(dir.resolve("err.txt").toFile()).start();
		assertEquals(2, p.waitFor());
		assertEquals("", Files.readString(dir.resolve("out.txt")),
			"ImageJ's own message held back");
		List<String> err = Files.readAllLines(dir.resolve("err.txt"));
		assertEquals(1, err.size(), err.toString());
		assertTrue(err.get(0).startsWith("ImageJ cannot open '" + junk + "'"), err.get(0));
	}
}
