package org.csrafiji.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.csrafiji.core.CsraException;
import org.csrafiji.runtime.DeviceChoice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The Model list as a fresh install shows it: specs in subfolders (the demo model lives in
 * models/csra/demo/) are listed, the listing is bounded, and a spec whose weights are missing
 * is shown as such; choosing it explains where the file goes and how to get it.
 */
class InstalledModelsListingTest {

	private static final String DRIVE = "https://drive.google.com/uc?export=download&id="
		+ "1cQSRI_DWyKpLa0tvxltoH9rM4IZMIEWJ";

	@TempDir
	Path csra;

	@Test
	void theDemoModelInItsSubfolderIsListedReadyAndResolves() throws Exception {
		Path demo = Files.createDirectories(csra.resolve("demo"));
		Files.copy(Path.of("models/demo/demo.json"), demo.resolve("demo.json"));
		Files.copy(Path.of("models/demo/demo.pth"), demo.resolve("demo.pth"));
		InstalledModels m = new InstalledModels(List.of(csra));
		assertEquals(List.of("demo", InstalledModels.FILE_CHOICE), m.choices());
		assertEquals(demo.resolve("demo.json").toFile(), m.resolve("demo", null));
	}

	@Test
	void theProjectsOwnModelsListTheDemoAndMarkPublishedSpecsWithoutWeights() {
		List<String> c = new InstalledModels(List.of(Path.of("models"))).choices();
		assertTrue(c.contains("demo"), c.toString());
		assertTrue(c.contains("resnet101_voc07_head1_lam0.1" + InstalledSpec.WEIGHTS_MISSING), c
			.toString());
		assertFalse(c.contains("resnet101_voc07_head1_lam0.1"), "not offered as if ready");
	}

	@Test
	void aSpecWithoutWeightsIsMarkedAndChoosingItSaysHowToGetThem() throws Exception {
		spec(csra.resolve("voc.json"), "weights/voc.pth", DRIVE);
		InstalledModels m = new InstalledModels(List.of(csra));
		assertEquals(List.of("voc (weights missing)", InstalledModels.FILE_CHOICE), m.choices());
		for (String choice : List.of("voc (weights missing)", "voc")) {
			CsraException e = assertThrows(CsraException.class, () -> m.resolve(choice, null));
			assertTrue(
				e.getMessage().contains("Plugins > CSRA > CSRA Download Weights (model=voc)"),
				e.getMessage());
			assertTrue(e.getMessage().contains(csra.resolve("weights/voc.pth").toString()), e
				.getMessage());
			assertTrue(e.getMessage().contains(DRIVE), e.getMessage());
		}
	}

	@Test
	void aSpecPublishedOnAPageSaysItNeedsABrowser() throws Exception {
		spec(csra.resolve("vit.json"), "weights/vit.pth",
			"https://github.com/Kevinz-code/CSRA#model-zoo (Google Drive link in the table)");
		CsraException e = assertThrows(CsraException.class, () -> new InstalledModels(List.of(
			csra)).resolve("vit", null));
		assertTrue(e.getMessage().contains("needs a browser"), e.getMessage());
	}

	@Test
	void loadingASpecWithoutWeightsSaysHowToDownloadThemByFile() throws Exception {
		Path file = csra.resolve("elsewhere.json");
		spec(file, "weights/w.pth", DRIVE);
		CsraException e = assertThrows(CsraException.class, () -> ModelFiles.load(file,
			DeviceChoice.CPU));
		assertTrue(e.getMessage().contains("CSRA Download Weights (model_file=" + file + ")"), e
			.getMessage());
	}

	@Test
	void theListingIsBoundedAndSkipsWhatIsNoSpec() throws Exception {
		spec(csra.resolve("top.json"), "weights/top.pth", DRIVE);
		spec(Files.createDirectories(csra.resolve("a")).resolve("sub.json"), "sub.pth", DRIVE);
		spec(Files.createDirectories(csra.resolve("a/b")).resolve("deep.json"), "deep.pth", DRIVE);
		spec(Files.createDirectories(csra.resolve(".hidden")).resolve("secret.json"), "s.pth",
			DRIVE);
		Files.writeString(csra.resolve("a/annotations.json"), "{\"images\": []}");
		Files.writeString(csra.resolve("broken.json"), "{ not json");
		List<String> c = new InstalledModels(List.of(csra)).choices();
		assertEquals(List.of("broken" + InstalledSpec.UNREADABLE, "top (weights missing)",
			"sub (weights missing)", InstalledModels.FILE_CHOICE), c);
	}

	@Test
	void aTopFolderSpecWinsOverASubfolderSpecOfTheSameName() throws Exception {
		Path demo = Files.createDirectories(csra.resolve("demo"));
		Files.copy(Path.of("models/demo/demo.json"), demo.resolve("demo.json"));
		Files.copy(Path.of("models/demo/demo.pth"), demo.resolve("demo.pth"));
		spec(csra.resolve("demo.json"), "weights/demo.pth", DRIVE);
		InstalledModels m = new InstalledModels(List.of(csra));
		assertEquals(List.of("demo (weights missing)", InstalledModels.FILE_CHOICE), m.choices());
		File chosen = m.named("demo").orElseThrow().file().toFile();
		assertEquals(csra.resolve("demo.json").toFile(), chosen);
	}

	private static void spec(Path file, String checkpoint, String url) throws Exception {
		Files.writeString(file, "{\"name\": \"x\", \"architecture\": \"resnet101\", \"classes\":"
			+ " \"voc2007\", \"checkpoint\": \"" + checkpoint + "\", \"weights_url\": \"" + url
			+ "\"}");
	}
}
