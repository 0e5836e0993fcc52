package org.csrafiji.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.process.ColorProcessor;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * User errors on the command line give one line that says what is wrong, why and what to
 * do, with a non-zero status: never a bare path, an "unexpected" exception or a stack trace.
 */
class CliMessagesTest {

	private static final Path CKPT = Path.of("src/test/resources/model/official_r18_h1.pth");
	private static final Path TINY_CNN = Path.of("src/test/resources/vit/tiny_cnn.json");

	@TempDir
	Path dir;

	private String image() {
		ColorProcessor cp = new ColorProcessor(70, 50);
		for (int i = 0; i < cp.getPixelCount(); i++) {
			cp.set(i, (int) ((i * 2654435761L) & 0xffffff));
		}
		String f = dir.resolve("a.tif").toString();
		IJ.saveAsTiff(new ImagePlus("a", cp), f);
		return f;
	}

	private static void assertOneClearLine(EvaluateRun r) {
		assertTrue(r.code() != 0, r.err());
		assertFalse(r.err().contains("unexpected") || r.err().contains("\tat ") || r.err().contains(
			"Exception"), r.err());
	}

	private Path spec(String extra) throws IOException {
		return Files.writeString(dir.resolve("model.json"), "{\"architecture\":\"resnet18\","
			+ "\"heads\":1,\"lambda\":0.1,\"input_size\":96,\"classes\":[\"a\",\"b\",\"c\",\"d\","
			+ "\"e\"],\"checkpoint\":\"" + CKPT.toAbsolutePath().toString().replace("\\", "\\\\")
			+ "\"" + extra + "}");
	}

	@Test
	void attentionHeadHasItsOwnOptionAndTheOldSpellingExplainsIt() {
		String a = image();
		EvaluateRun old = EvaluateRun.of("attention", "--checkpoint", CKPT.toString(), "--arch",
			"resnet18", "--size", "96", "--out", dir.resolve("o1").toString(), "--head", "1", a);
		assertOneClearLine(old);
		assertTrue(old.err().contains("--attention-head 1") && old.err().contains("head kind"), old
			.err());
		EvaluateRun now = EvaluateRun.of("attention", "--checkpoint", CKPT.toString(), "--arch",
			"resnet18", "--size", "96", "--out", dir.resolve("o2").toString(), "--attention-head",
			"1", "--head", "csra", a);
		assertEquals(0, now.code(), now.err());
		assertTrue(Files.isRegularFile(dir.resolve("o2/a.attention.png")));
	}

	@Test
	void outThatIsAFileSaysSo() throws IOException {
		Path file = Files.writeString(dir.resolve("taken.txt"), "x");
		EvaluateRun r = EvaluateRun.of("attention", "--checkpoint", CKPT.toString(), "--arch",
			"resnet18", "--size", "96", "--out", file.toString(), image());
		assertOneClearLine(r);
		assertTrue(
			r.err().contains(file.toString()) && r.err().contains("is an existing file, not a"
				+ " folder"),
			r.err());
		assertEquals("x", Files.readString(file), "the file is left alone");
	}

	@Test
	void hugeBatchNamesTheLargestThatFits() throws IOException {
		String a = image();
		Path labels = Files.writeString(dir.resolve("labels.csv"), "image,a,b,c,d,e\n" + a
			+ ",1,0,0,0,0\n");
		EvaluateRun r = EvaluateRun.of("evaluate", "--model", spec("").toString(), "--dataset",
			"csv:" + labels, "--device", "cpu", "--batch", "100000");
		assertOneClearLine(r);
		// 3 x 96 x 96 floats = 110,592 bytes per image: at most 19,418 fit in 2 GiB.
		assertTrue(r.err().contains("A batch of 100000 images of 96 x 96 needs 10.3 GiB")
			&& r.err().contains("choose a batch of 1 to 19418"), r.err());
	}

	@Test
	void nonFiniteOrDegenerateSpecFieldsAreRefusedByName() throws IOException {
		String a = image();
		String[][] cases = {{",\"mean\":[NaN,0,0]", "\"mean\""}, {",\"std\":[1e-7,1,1]",
			"\"std\""}, {",\"std\":[0,1,1]", "\"std\""},
			{",\"temperatures\":[1e39]",
				"\"temperatures\""},
			{",\"temperatures\":[\"1e999\"]", "\"temperatures\""}};
		for (String[] c : cases) {
			EvaluateRun r = EvaluateRun.of("classify", "--model", spec(c[0]).toString(), a);
			assertOneClearLine(r);
			assertTrue(r.err().startsWith("csra: error:") && r.err().contains(c[1]), c[0] + ": " + r
				.err());
		}
		EvaluateRun r = EvaluateRun.of("classify", "--model", spec("").toString(), "--std",
			"0.0000001,1,1", a);
		assertOneClearLine(r);
		assertTrue(r.err().contains("--std"), r.err());
	}

	@Test
	void torchScriptNeedsTheFlagOrTheSpecField() throws IOException {
		String a = image();
		Path untrusted = dir.resolve("tiny.json");
		Files.writeString(untrusted, Files.readString(TINY_CNN).replace("\"trust_code\": true",
			"\"trust_code\": false").replace("\"tiny_cnn",
				"\"" + TINY_CNN.toAbsolutePath()
					.getParent().toString().replace("\\", "\\\\") + "/tiny_cnn"));
		EvaluateRun refused = EvaluateRun.of("classify", "--model", untrusted.toString(), a);
		assertOneClearLine(refused);
		assertTrue(refused.err().contains("--trust-torchscript") && refused.err().contains(
			"program"), refused.err());
		EvaluateRun trusted = EvaluateRun.of("classify", "--model", untrusted.toString(),
			"--trust-torchscript", a);
		assertEquals(0, trusted.code(), trusted.err());
		assertTrue(trusted.out().startsWith(a + "\t"), trusted.out());
	}
}
