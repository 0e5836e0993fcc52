package org.csrafiji.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;

import org.csrafiji.fiji.command.BatchClassifyCommand;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.app.StatusService;
import org.scijava.command.CommandService;
import org.scijava.log.LogService;
import org.scijava.parse.ParseService;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * "CSRA Batch Classify" driven the way users drive it without a GUI, naming no model choice
 * (so model_file is used): with macro options ({@code key=[value]}, bare word for a checked
 * box, as run("...", "...") and -batch macros pass them), and with the headless
 * {@code --run} argument ({@code key='value',k2=true}) parsed by SciJava's ParseService.
 * Only these keys are given, so the model choice keeps its default, "other file".
 */
class HeadlessOptionsTest {

	private static Context ctx;

	@BeforeAll
	static void startContext() {
		ctx = new Context(List.of(CommandService.class, StatusService.class, LogService.class,
			CsraModelService.class, ParseService.class));
	}

	@AfterAll
	static void disposeContext() {
		ctx.dispose();
	}

	private static Path folder(Path dir) throws Exception {
		Path in = Files.createDirectories(dir.resolve("in/deeper"));
		IJ.saveAsTiff(FijiFixtures.image(ImagePlus.GRAY8, 48, 48, 1, 1), in.resolve("a.tif")
			.toString());
		IJ.saveAsTiff(FijiFixtures.image(ImagePlus.GRAY8, 48, 48, 1, 2), dir.resolve("in/b.tif")
			.toString());
		Files.writeString(dir.resolve("in/notes.txt"), "not matched by *.tif");
		return dir.resolve("in");
	}

	private static void assertBatchRan(Ran m, Path csv) throws Exception {
		assertFalse(m.isCanceled(), m.getCancelReason());
		assertEquals(2, m.getOutput("classified"));
		assertEquals(InstalledModels.FILE_CHOICE, m.getInput("model"));
		String text = Files.readString(csv);
		assertTrue(text.contains("deeper/a.tif"), text);
		assertTrue(text.contains("b.tif"), text);
		assertFalse(text.contains("notes.txt"), text);
	}

	@Test
	void macroOptionsRunTheBatch(@TempDir Path dir) throws Exception {
		Path in = folder(dir);
		Path csv = dir.resolve("out.csv");
		String options = "input_dir=[" + in + "] output_csv=[" + csv + "] model_file=["
			+ FijiFixtures.spec("r18_h1.json") + "] recursive file_pattern=[*.tif]";
		Map<String, Object> inputs = MacroOptionsTest.convert(BatchClassifyCommand.class,
			options);
		assertEquals(Boolean.TRUE, inputs.get("recursive"));
		assertEquals("*.tif", inputs.get("file_pattern"));
		assertBatchRan(Ran.run(ctx, BatchClassifyCommand.class, inputs), csv);
	}

	@Test
	void headlessRunArgumentRunsTheBatch(@TempDir Path dir) throws Exception {
		Path in = folder(dir);
		Path csv = dir.resolve("out.csv");
		String arg = "input_dir='" + in + "',output_csv='" + csv + "',model_file='"
			+ FijiFixtures.spec("r18_h1.json") + "',recursive=true,file_pattern='*.tif'";
		Map<String, Object> inputs = ctx.service(ParseService.class).parse(arg).asMap();
		assertEquals(Boolean.TRUE, inputs.get("recursive"));
		assertEquals(in.toString(), inputs.get("input_dir"));
		assertBatchRan(Ran.run(ctx, BatchClassifyCommand.class, inputs), csv);
		assertTrue(new File(csv.toString()).length() > 0);
	}
}
