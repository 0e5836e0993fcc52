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

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * "CSRA Batch Classify" driven the way users drive it without a GUI, naming no model choice
 * (so model_file is used): with macro options ({@code key=[value]}, {@code key=true} for a
 * check box, as run("...", "...") and -batch macros pass them, read as imagej-legacy does), and with the headless
 * {@code --run} argument ({@code key='value',k2=true}) parsed by SciJava's ParseService.
 * Only these keys are given, so the model choice keeps its default, "other file".
 */
class HeadlessOptionsTest {

	private static Context ctx;

	@BeforeAll
	static void startContext() {
		ctx = new Context(List.of(CommandService.class, StatusService.class, LogService.class,
			CsraService.class, ParseService.class));
	}

	@AfterAll
	static void disposeContext() {
		ctx.dispose();
	}

	/**
	 * Makes a folder of two TIFFs (one in a sub-folder) and a text file, fills the option
	 * template's {in}, {csv} and {model}, and runs the batch with what {@code parse} makes of
	 * the options.
	 *
	 * @return the inputs the options were parsed into
	 */
	private static Map<String, Object> runBatch(Path dir, String template,
		Function<String, Map<String, Object>> parse) throws Exception
	{
		for (String name : List.of("in/deeper/a.tif", "in/b.tif")) {
			Path p = Files.createDirectories(dir.resolve(name).getParent()).resolve(Path.of(name)
				.getFileName());
			IJ.saveAsTiff(FijiFixtures.image(ImagePlus.GRAY8, 48, 48, 1, name.length()), p
				.toString());
		}
		Files.writeString(dir.resolve("in/notes.txt"), "not matched by *.tif");
		Path csv = dir.resolve("out.csv");
		Map<String, Object> inputs = parse.apply(template.replace("{in}", dir.resolve("in")
			.toString()).replace("{csv}", csv.toString()).replace("{model}", FijiFixtures.spec(
				"r18_h1.json").toString()));
		Ran m = Ran.run(ctx, BatchClassifyCommand.class, inputs);
		assertFalse(m.isCanceled(), m.getCancelReason());
		assertEquals(2, m.getOutput("classified"));
		assertEquals(InstalledModels.FILE_CHOICE, m.getInput("model"));
		String text = Files.readString(csv);
		assertTrue(text.contains("deeper/a.tif"), text);
		assertTrue(text.contains("b.tif"), text);
		assertFalse(text.contains("notes.txt"), text);
		return inputs;
	}

	@Test
	void macroOptionsRunTheBatch(@TempDir Path dir) throws Exception {
		Map<String, Object> in = runBatch(dir, "input_dir=[{in}] output_csv=[{csv}]"
			+ " model_file=[{model}] recursive=true file_pattern=[*.tif]",
			o -> LegacyOptions.inputs(
				o, ctx.service(CommandService.class).getCommand(BatchClassifyCommand.class)));
		assertEquals(Boolean.TRUE, in.get("recursive"));
		assertEquals("*.tif", in.get("file_pattern"));
	}

	@Test
	void headlessRunArgumentRunsTheBatch(@TempDir Path dir) throws Exception {
		Map<String, Object> in = runBatch(dir, "input_dir='{in}',output_csv='{csv}',"
			+ "model_file='{model}',recursive=true,file_pattern='*.tif'",
			o -> ctx.service(
				ParseService.class).parse(o).asMap());
		assertEquals(Boolean.TRUE, in.get("recursive"));
		assertEquals(dir.resolve("in").toString(), in.get("input_dir"));
	}
}
