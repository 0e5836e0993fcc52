package org.csrafiji.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.process.ColorProcessor;

import java.nio.file.Files;
import java.nio.file.Path;

import org.csrafiji.core.CheckpointException;
import org.csrafiji.core.Setting;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line words a setting's remedy as its option; the lower packages do not. */
class CliWordingTest {

	private static final Path CKPT = Path.of("src/test/resources/model/official_r18_h1.pth");

	@Test
	void everySettingHasAnOption() {
		for (Setting s : Setting.values()) {
			assertTrue(CliWording.option(s).startsWith("--"), s + ": " + CliWording.option(s));
		}
		assertEquals("plain", CliWording.message(new IllegalArgumentException("plain")));
		assertEquals("x. (command line: --heads N)",
			CliWording.message(new CheckpointException("x.",
				Setting.HEADS, "2", null)));
	}

	@Test
	void headsThatDoNotFitTheCheckpointNameTheOption(@TempDir Path dir) throws Exception {
		ColorProcessor cp = new ColorProcessor(40, 30);
		String image = dir.resolve("a.tif").toString();
		IJ.saveAsTiff(new ImagePlus("a", cp), image);
		Path spec = Files.writeString(dir.resolve("m.json"), "{\"architecture\":\"resnet18\","
			+ "\"heads\":1,\"input_size\":96,\"classes\":[\"a\",\"b\",\"c\",\"d\",\"e\"],"
			+ "\"checkpoint\":\"" + CKPT.toAbsolutePath().toString().replace("\\", "\\\\") + "\"}");
		EvaluateRun r = EvaluateRun.of("classify", "--model", spec.toString(), "--heads", "2",
			image);
		assertEquals(1, r.code(), r.err());
		assertTrue(r.err().contains("csra: error: ") && r.err().contains("has 1 CSRA head(s)")
			&& r.err().contains("(command line: --heads N)"), r.err());
		assertFalse(r.err().contains("\tat "), r.err());
	}
}
