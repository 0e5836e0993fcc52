package org.csrafiji.fiji;

import org.csrafiji.app.BatchSummary;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.measure.ResultsTable;

import org.csrafiji.app.AttentionSettings;
import org.csrafiji.core.CsraException;
import org.csrafiji.fiji.command.ClassifyCommand;
import org.csrafiji.fiji.command.EvaluateCommand;
import org.csrafiji.render.AttentionResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The script API: the README's "Scripts" examples, made in Java on the CsraService of a real
 * SciJava Context (Groovy and Jython make the same calls; scripting-groovy is not a dependency of
 * this build). What a script gets must agree with what the dialog's command gives.
 */
class CsraServiceScriptTest extends ContextTestBase {

	@TempDir
	Path dir;

	private static CsraService csra() {
		return ctx.service(CsraService.class);
	}

	private static String readmeScripts() throws Exception {
		String readme = Files.readString(Path.of("README.md"));
		int start = readme.indexOf("### Scripts\n");
		assertTrue(start >= 0, "README has a Scripts section");
		int end = readme.indexOf("\n### ", start + 1);
		return readme.substring(start, end < 0 ? readme.length() : end);
	}

	@Test
	void theServiceIsFoundByItsInterface() {
		assertInstanceOf(DefaultCsraService.class, csra());
	}

	@Test
	void everyCallTheReadmeShowsIsAMethodOfTheService() throws Exception {
		Set<String> methods = new TreeSet<>();
		for (Method m : CsraService.class.getMethods()) {
			methods.add(m.getName());
		}
		Matcher m = Pattern.compile("\\bcsra\\.(\\w+)\\(").matcher(readmeScripts());
		Set<String> called = new TreeSet<>();
		while (m.find()) {
			called.add(m.group(1));
		}
		assertEquals(Set.of("attention", "batch", "classify", "evaluate", "feedback", "train"),
			called);
		assertTrue(methods.containsAll(called), called + " in " + methods);
	}

	@Test
	void classifyGivesWhatTheCommandGivesAndLeavesThePixels() throws Exception {
		String spec = FijiFixtures.spec("r18_h1.json").getPath();
		assertTrue(readmeScripts().contains("r = csra.classify(imp, \"/path/spec.json\")"));
		ImagePlus imp = FijiFixtures.image(ImagePlus.GRAY16, 90, 70, 1, 21);
		String before = FijiFixtures.checksum(imp);
		int rows = csra().tables().current().size();

		Classification r = csra().classify(imp, spec);

		assertEquals(before, FijiFixtures.checksum(imp), "input pixels changed");
		ResultsTable rt = r.table();
		assertEquals(rows + 1, rt.size(), "one row for the one slice");
		// the same image through the dialog's command: the same model (loaded once), kernels and
		// batch size, so the same float scores; 1e-6 only covers the table's float-to-double
		int loaded = csra().loadedCount();
		Ran cmd = FijiFixtures.run(ctx, ClassifyCommand.class, "image", imp, "device", "auto");
		assertFalse(cmd.isCanceled(), cmd.getCancelReason());
		ResultsTable byCommand = (ResultsTable) cmd.getOutput("results_table");
		List<String> expected = new ArrayList<>();
		for (String c : FijiFixtures.CLASSES) {
			double s = byCommand.getValue(c, byCommand.size() - 1);
			assertEquals(s, r.score(c), 1e-6, c);
			if (s > 0.5) {
				expected.add(c);
			}
		}
		expected.sort((a, b) -> Double.compare(byCommand.getValue(b, byCommand.size() - 1),
			byCommand.getValue(a, byCommand.size() - 1)));
		assertEquals(expected, r.predicted());
		assertEquals(String.join(";", expected), byCommand.getStringValue("Labels", byCommand
			.size() - 1));
		assertEquals(loaded, csra().loadedCount(), "the script and the command share the model");
		CsraException unknown = assertThrows(CsraException.class, () -> r.score("zebra"));
		assertTrue(unknown.getMessage().contains("cell, nucleus"), unknown.getMessage());
	}

	@Test
	void attentionPutsTheListedClassOnTheOverlay() throws Exception {
		assertTrue(readmeScripts().contains("AttentionSettings.of(\"cell\", 1, 0.5, 0.5, true)"));
		ImagePlus imp = FijiFixtures.image(ImagePlus.GRAY8, 64, 64, 1, 22);
		String before = FijiFixtures.checksum(imp);
		AttentionResult a = csra().attention(imp, FijiFixtures.spec("r18_h1.json").getPath(),
			AttentionSettings.of("cell", 1, 0.5, 0.5, true));
		assertEquals(before, FijiFixtures.checksum(imp));
		assertEquals(1, a.heatMaps().size());
		assertEquals("cell", a.heatMaps().get(0).getName());
		assertNotNull(imp.getOverlay());
		assertNotNull(a.stack());
		assertEquals(64, a.stack().getWidth());
	}

	@Test
	void batchThenEvaluateAsTheReadmeShows() throws Exception {
		String scripts = readmeScripts();
		assertTrue(scripts.contains("b = csra.batch(new File(\"/data/in\"), \"*.tif\", new File("
			+ "\"/data/out.csv\"), \"/path/spec.json\")"));
		assertTrue(scripts.contains("e = csra.evaluate(new File(\"/data/pred.csv\"), new File("
			+ "\"/data/labels.csv\"))"));
		Path in = Files.createDirectories(dir.resolve("in"));
		for (int i = 0; i < 2; i++) {
			IJ.saveAsTiff(FijiFixtures.image(ImagePlus.GRAY8, 40, 40, 1, 23 + i), in.resolve("i" + i
				+ ".tif").toString());
		}
		File csv = dir.resolve("out.csv").toFile();
		BatchSummary b = csra().batch(in.toFile(), "*.tif", csv, FijiFixtures.spec("r18_h1.json")
			.getPath());
		assertEquals(new BatchSummary(2, 0, 0, 0, false), b);
		String written = Files.readString(csv.toPath());
		assertTrue(written.contains("i0.tif") && written.contains("i1.tif"), written);

		Path pred = EvaluateCommandTest.write(dir, "pred.csv", EvaluateCommandTest.PREDICTIONS);
		Path labels = EvaluateCommandTest.write(dir, "labels.csv", EvaluateCommandTest.LABELS);
		EvaluationReport e = csra().evaluate(pred.toFile(), labels.toFile());
		Ran cmd = Ran.run(ctx, EvaluateCommand.class, Map.of("scores", "predictions_csv",
			"predictions_csv", pred.toFile(), "labels_file", labels.toFile(), "model",
			InstalledModels.FILE_CHOICE));
		assertFalse(cmd.isCanceled(), cmd.getCancelReason());
		// the same numbers through the same double arithmetic; the table holds them in percent
		double byCommand = ((ResultsTable) cmd.getOutput("metrics_table")).getValue("mAP", 0);
		assertEquals(byCommand, 100 * e.result().mAP(), 1e-9);
	}

	@Test
	void anUnknownModelNameIsOneMessageNamingWhatToGive() {
		CsraException e = assertThrows(CsraException.class, () -> csra().classify(FijiFixtures
			.image(ImagePlus.GRAY8, 32, 32, 1, 1), "no-such-model"));
		assertTrue(e.getMessage().startsWith("No installed CSRA model is named 'no-such-model'"), e
			.getMessage());
		assertTrue(e.getMessage().contains("model spec (.json) or checkpoint"), e.getMessage());
	}
}
