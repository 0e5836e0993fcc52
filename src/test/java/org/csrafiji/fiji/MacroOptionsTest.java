package org.csrafiji.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.measure.ResultsTable;

import org.csrafiji.fiji.command.ClassifyCommand;
import org.csrafiji.render.AttentionStacks;
import org.csrafiji.train.synthetic.SceneGenerator;
import org.csrafiji.train.synthetic.SyntheticSlide;
import org.csrafiji.train.synthetic.SyntheticDatasetWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.command.CommandInfo;
import org.scijava.command.CommandService;
import org.scijava.module.ModuleItem;

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
 * Every macro in macros/ and every macro line of README.md, run as Fiji runs it: the
 * run("CSRA ...", "...") options turned into inputs the way imagej-legacy does
 * ({@link LegacyOptions}, checked against observed cases), then the command run through the
 * real CommandService with SciJava's preprocessors. Each call names every input (no bare
 * words, no unknown keys, nothing left for a dialog to ask), and a run that leaves inputs out
 * gets their declared defaults, not values remembered from earlier runs.
 */
class MacroOptionsTest extends ContextTestBase {

	private static final Pattern RUN = Pattern.compile(
		"run\\(\"(CSRA [^\"]+)\",\\s*((?:\"[^\"]*\"|\\s*\\+\\s*|\\w+)+)\\)");

	/** One run("CSRA ...", ...) call: the command's title and its options. */
	record Call(String title, String options) {}

	/** The CSRA calls of a macro text, with the macro's variables given values. */
	static List<Call> calls(String text, Map<String, String> vars) {
		List<Call> out = new ArrayList<>();
		Matcher m = RUN.matcher(text);
		while (m.find()) {
			StringBuilder sb = new StringBuilder();
			for (String part : m.group(2).split("\\+")) {
				String p = part.strip();
				if (p.startsWith("\"")) {
					sb.append(p, 1, p.length() - 1);
				}
				else {
					assertTrue(vars.containsKey(p), "no test value for macro variable " + p);
					sb.append(vars.get(p));
				}
			}
			out.add(new Call(m.group(1), sb.toString()));
		}
		return out;
	}

	static CommandInfo command(String title) {
		return FijiFixtures.command(ctx, title);
	}

	/**
	 * Runs one call the way Fiji does; fails when the options would leave an input to a dialog.
	 *
	 * @param active the active image (what imagej-legacy gives an ImagePlus input), or null
	 */
	static Ran run(Call call, ImagePlus active) throws Exception {
		return run(call, active, Map.of());
	}

	/**
	 * @param cheaper values that replace parsed ones after the checks (a shorter training)
	 */
	static Ran run(Call call, ImagePlus active, Map<String, Object> cheaper) throws Exception {
		Map<String, Object> in = check(call, active);
		in.putAll(cheaper);
		Ran m = new Ran(ctx.service(CommandService.class).run(command(call.title()), true, in)
			.get());
		assertFalse(m.isCanceled(), call.title() + ": " + m.getCancelReason());
		return m;
	}

	/**
	 * Checks that a call names every input with key=value, as Fiji needs to run it without a
	 * dialog.
	 *
	 * @return the inputs the call gives, with the active image
	 */
	static Map<String, Object> check(Call call, ImagePlus active) {
		CommandInfo info = command(call.title());
		Map<String, Object> in = LegacyOptions.inputs(call.options(), info);
		assertEquals(List.of(), LegacyOptions.bareWords(call.options()),
			"bare words set nothing in Fiji: " + call);
		Set<String> names = new TreeSet<>();
		Set<String> unset = new TreeSet<>();
		for (ModuleItem<?> item : info.inputs()) {
			if (LegacyOptions.injected(item)) continue;
			names.add(item.getName());
			if (ImagePlus.class.equals(item.getType())) {
				assertNotNull(active, call.title() + " needs an open image");
				in.put(item.getName(), active);
			}
			else if (!in.containsKey(item.getName())) {
				unset.add(item.getName());
			}
		}
		assertEquals(Set.of(), unset, "inputs a dialog would ask for in " + call);
		assertTrue(names.containsAll(LegacyOptions.pairs(call.options()).keySet()),
			"unknown keys (Fiji ignores them) in " + call + "; inputs: " + names);
		return in;
	}

	private static String macro(String name) throws Exception {
		return Files.readString(Path.of("macros", name));
	}

	@Test
	void classifyMacro() throws Exception {
		ImagePlus imp = FijiFixtures.image(ImagePlus.GRAY8, 64, 64, 1, 1);
		List<Call> calls = calls(macro("classify_current_image.ijm"), Map.of("model",
			FijiFixtures.spec("r18_h1.json").getPath()));
		assertEquals(1, calls.size());
		ResultsTable rt = (ResultsTable) run(calls.get(0), imp).getOutput("results_table");
		assertEquals(imp.getTitle(), rt.getStringValue("Image", rt.size() - 1));
	}

	@Test
	void attentionMacro() throws Exception {
		// the built-in demo model on a sample scene with a cross, a circle and a ring
		ImagePlus imp = IJ.openImage("models/demo/samples/scene_00001.png");
		List<Call> calls = calls(macro("attention_map.ijm"), Map.of("model",
			"models/demo/demo.json", "title", imp.getTitle()));
		Ran m = run(calls.get(0), imp);
		ImagePlus stack = (ImagePlus) m.getOutput("attention_stack");
		List<String> labels = new ArrayList<>();
		for (int i = 1; i <= stack.getStackSize(); i++) {
			labels.add(stack.getStack().getSliceLabel(i));
		}
		assertEquals(List.of("circle", "cross", "ring"), labels.stream().sorted().toList());
		assertEquals(AttentionStacks.TITLE_PREFIX + imp.getTitle(), stack.getTitle(),
			"the title the macro selects");
		assertEquals(3 * 3, imp.getOverlay().size(), "a heat map, an outline and a name per class");
	}

	@Test
	void tileClassifyMacro() throws Exception {
		// the demo model on a 2 x 2-scene synthetic slide, 512 px: tiles of 256 overlapping by 32
		ImagePlus slide = SyntheticSlide.of(new SceneGenerator(256, 21), 2, 2).image();
		List<Call> calls = calls(macro("tile_classify.ijm"), Map.of("model",
			"models/demo/demo.json"));
		assertEquals(1, calls.size());
		Ran m = run(calls.get(0), slide);
		assertEquals(9, ((ResultsTable) m.getOutput("tile_table")).size());
		ImagePlus map = (ImagePlus) m.getOutput("tile_map");
		assertEquals("CSRA Tile Map of " + slide.getTitle(), map.getTitle(), "the title the macro"
			+ " selects");
		assertEquals(List.of(32, 32, 5), List.of(map.getWidth(), map.getHeight(), map.getNSlices()
			* map.getNChannels()));
	}

	@Test
	void classifyRoisMacro() throws Exception {
		SyntheticSlide slide = SyntheticSlide.of(new SceneGenerator(256, 22), 2, 1);
		ImagePlus imp = slide.image();
		ij.gui.Overlay overlay = new ij.gui.Overlay();
		for (int i = 0; i < slide.objects().size(); i++) {
			overlay.add(org.csrafiji.app.slide.SlideRoisAccess.of(slide.objects().get(i), "o" + i));
		}
		imp.setOverlay(overlay);
		List<Call> calls = calls(macro("classify_rois.ijm"), Map.of("model",
			"models/demo/demo.json"));
		assertEquals(1, calls.size());
		Ran m = run(calls.get(0), imp);
		assertEquals(slide.objects().size(), ((ResultsTable) m.getOutput("object_table")).size());
		assertEquals(2 * slide.objects().size(), imp.getOverlay().size());
	}

	@Test
	void batchMacro(@TempDir Path dir) throws Exception {
		Path in = Files.createDirectories(dir.resolve("in/sub"));
		IJ.saveAsTiff(FijiFixtures.image(ImagePlus.GRAY8, 40, 40, 1, 1), in.resolve("x.tif")
			.toString());
		Path csv = dir.resolve("labels.csv");
		List<Call> calls = calls(macro("batch_classify.ijm"), Map.of("model", FijiFixtures.spec(
			"r18_h1.json").getPath(), "dir", dir.resolve("in").toString(), "csv", csv.toString(),
			"att", ""));
		Ran m = run(calls.get(0), null);
		assertEquals(1, m.getOutput("classified"));
		assertTrue(Files.readString(csv).contains("sub/x.tif"));
	}

	@Test
	void evaluateMacro(@TempDir Path dir) throws Exception {
		Path labels = EvaluateCommandTest.write(dir, "labels.csv", EvaluateCommandTest.LABELS);
		Path pred = EvaluateCommandTest.write(dir, "pred.csv", EvaluateCommandTest.PREDICTIONS);
		Path out = Files.createDirectories(dir.resolve("report"));
		List<Call> calls = calls(macro("evaluate.ijm"), Map.of("predictions", pred.toString(),
			"labels", labels.toString(), "out", out.toString()));
		Ran m = run(calls.get(0), null);
		assertNotNull(m.getOutput("metrics_table"));
		assertTrue(Files.exists(out.resolve("csra_metrics.csv")));
	}

	@Test
	void trainMacro(@TempDir Path dir) throws Exception {
		Path labels = SyntheticDatasetWriter.write(new SceneGenerator(32, 5), 0, 4, dir.resolve(
			"data"));
		Path out = dir.resolve("run");
		List<Call> calls = calls(macro("train.ijm"), Map.of("train", labels.toString(), "val", "",
			"out", out.toString(), "spec", out.resolve("best.json").toString()));
		assertEquals(List.of("CSRA Train", "CSRA Classify"), calls.stream().map(Call::title)
			.toList());
		assertEquals(8, LegacyOptions.inputs(calls.get(0).options(), command("CSRA Train")).get(
			"epochs"));
		// as written, but one epoch of a narrow network on small inputs: the test's CPU budget
		Ran m = run(calls.get(0), null, Map.of("epochs", 1, "base_width", 4, "input_size", 32));
		assertEquals(out.resolve("best.json").toString(), m.getOutput("best_spec"));
		run(calls.get(1), FijiFixtures.image(ImagePlus.COLOR_RGB, 48, 48, 1, 2));
	}

	@Test
	void readmeMacroLinesRunAsWritten(@TempDir Path dir) throws Exception {
		String readme = Files.readString(Path.of("README.md"));
		Path in = Files.createDirectories(dir.resolve("in"));
		IJ.saveAsTiff(FijiFixtures.image(ImagePlus.GRAY8, 40, 40, 1, 5), in.resolve("a.tif")
			.toString());
		String text = readme.replace("/path/spec.json", FijiFixtures.spec("r18_h1.json").getPath())
			.replace("/data/in", in.toString()).replace("/data/out.csv", dir.resolve("out.csv")
				.toString());
		List<Call> calls = calls(text, Map.of());
		assertTrue(calls.size() >= 3, "README macro lines: " + calls);
		for (Call c : calls) {
			if (c.title().equals("CSRA Train")) {
				check(c, null); // trainMacro runs the same line from macros/train.ijm
				continue;
			}
			ImagePlus imp = FijiFixtures.image(ImagePlus.GRAY8, 64, 64, 1, 6);
			if (c.title().equals("CSRA Classify ROIs")) {
				imp.setOverlay(new ij.gui.Overlay(new ij.gui.OvalRoi(8, 8, 20, 30))); // its objects
			}
			run(c, imp);
		}
		assertTrue(calls.stream().anyMatch(c -> c.title().equals("CSRA Train")),
			"README's train line");
	}

	@Test
	void leftOutInputsGetTheirDefaultsNotEarlierValues() throws Exception {
		ImagePlus imp = FijiFixtures.image(ImagePlus.GRAY8, 64, 64, 3, 8);
		// an earlier run, as a dialog would leave it: threshold 0.9, every slice
		FijiFixtures.run(ctx, ClassifyCommand.class, "image", imp, "threshold", 0.9,
			"all_slices", true, "use_selection", false);
		CommandInfo info = command("CSRA Classify");
		Map<String, Object> in = LegacyOptions.inputs("model_file=[" + FijiFixtures.spec(
			"r18_h1.json") + "]", info);
		in.put("image", imp);
		Ran m = new Ran(ctx.service(CommandService.class).run(info, true, in).get());
		assertFalse(m.isCanceled(), m.getCancelReason());
		assertEquals(0.5, m.getInput("threshold"));
		assertEquals(false, m.getInput("all_slices"));
		assertEquals(true, m.getInput("use_selection"));
		assertEquals("auto", m.getInput("device"));
		for (CommandInfo c : ctx.service(CommandService.class).getCommands()) {
			if (!c.getClassName().startsWith("org.csrafiji.")) continue;
			for (ModuleItem<?> item : c.inputs()) {
				if (LegacyOptions.injected(item)) continue;
				assertFalse(item.isPersisted(), c.getTitle() + " remembers " + item.getName());
			}
		}
	}
}
