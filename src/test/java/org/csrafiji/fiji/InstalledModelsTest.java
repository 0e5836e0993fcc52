package org.csrafiji.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.measure.ResultsTable;

import org.csrafiji.fiji.command.ClassifyCommand;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The model choice lists the specs in Fiji's models/csra (under imagej.dir) and the
 * project's models/, then "other file"; a listed name runs that spec.
 */
class InstalledModelsTest extends ContextTestBase {

	@TempDir
	Path fiji;

	private String savedDir;

	@BeforeEach
	void installTinySpec() throws Exception {
		savedDir = System.getProperty("imagej.dir");
		System.setProperty("imagej.dir", fiji.toString());
		Path csra = Files.createDirectories(fiji.resolve("models/csra"));
		String spec = Files.readString(FijiFixtures.spec("r18_h1.json").toPath()).replace(
			"../model/official_r18_h1.pth",
			FijiFixtures.checkpoint().getAbsolutePath().replace('\\',
				'/'));
		Files.writeString(csra.resolve("tiny.json"), spec);
		Files.writeString(csra.resolve("notes.txt"), "not a spec");
	}

	@AfterEach
	void restoreDir() {
		if (savedDir == null) {
			System.clearProperty("imagej.dir");
		}
		else {
			System.setProperty("imagej.dir", savedDir);
		}
	}

	@Test
	void choicesAreFijiSpecsThenProjectSpecsThenOtherFile() {
		List<String> c = InstalledModels.find().choices();
		assertEquals("tiny", c.get(0));
		assertTrue(c.contains("resnet101_voc07_head1_lam0.1" + InstalledSpec.WEIGHTS_MISSING), c
			.toString());
		assertEquals(InstalledModels.FILE_CHOICE, c.get(c.size() - 1));
		assertFalse(c.contains("notes"));
	}

	@Test
	void theCommandRunsAnInstalledSpecByName() throws Exception {
		ImagePlus imp = FijiFixtures.image(ImagePlus.GRAY8, 64, 64, 1, 3);
		Ran m = FijiFixtures.run(ctx, ClassifyCommand.class, "image", imp, "use_selection", true,
			"model", "tiny", "model_file", null);
		assertFalse(m.isCanceled(), m.getCancelReason());
		ResultsTable t = (ResultsTable) m.getOutput("results_table");
		assertTrue(t.getColumnIndex("nucleus") >= 0);
	}

	@Test
	void anUnknownNameCancelsWithTheInstalledNames() throws Exception {
		Ran m = FijiFixtures.run(ctx, ClassifyCommand.class, "image", FijiFixtures.image(
			ImagePlus.GRAY8, 64, 64, 1, 3), "use_selection", true, "model", "nope");
		assertTrue(m.isCanceled());
		assertTrue(m.getCancelReason().contains("tiny"), m.getCancelReason());
	}
}
