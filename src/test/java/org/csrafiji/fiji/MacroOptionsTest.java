package org.csrafiji.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.Macro;

import org.csrafiji.fiji.command.AttentionMapCommand;
import org.csrafiji.fiji.command.BatchClassifyCommand;
import org.csrafiji.fiji.command.ClassifyCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.service.Service;

import java.io.File;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The run("CSRA ...", "...") strings in macros/ name real input fields, and turned into
 * inputs the way ImageJ reads macro options (Macro.getValue for key=value and key=[value],
 * a bare word for a checked box) they run the commands with the intended values.
 */
class MacroOptionsTest extends ContextTestBase {

	private static final Pattern RUN = Pattern.compile("run\\(\"(CSRA [^\"]+)\",\\s*(.+)\\);");
	private static final Pattern TOKEN = Pattern.compile("([a-z_]+)(=(\\[[^\\]]*\\]|\\S+))?");

	/** The options of the one CSRA run(...) call in a macro, with variables substituted. */
	private static String options(String macro, Map<String, String> vars) throws Exception {
		String text = Files.readString(Path.of("macros", macro));
		Matcher m = RUN.matcher(text);
		assertTrue(m.find(), macro + " has no run(\"CSRA ...\") call");
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
		return m.group(1) + "\n" + sb;
	}

	private static List<Field> inputs(Class<?> cmd) {
		List<Field> out = new ArrayList<>();
		for (Class<?> c = cmd; c != null; c = c.getSuperclass()) {
			for (Field f : c.getDeclaredFields()) {
				Parameter p = f.getAnnotation(Parameter.class);
				if (p != null && p.type() != ItemIO.OUTPUT && !Service.class.isAssignableFrom(f
					.getType()))
				{
					out.add(f);
				}
			}
		}
		return out;
	}

	/** Macro options to command inputs, as ImageJ reads them. */
	static Map<String, Object> convert(Class<?> cmd, String options) {
		List<String> keys = new ArrayList<>();
		Matcher t = TOKEN.matcher(options);
		while (t.find()) {
			keys.add(t.group(1));
		}
		Map<String, Object> in = new LinkedHashMap<>();
		List<String> names = new ArrayList<>();
		for (Field f : inputs(cmd)) {
			String name = f.getName();
			names.add(name);
			assertEquals(name.toLowerCase(), name, "macro keys are lower case");
			Class<?> type = f.getType();
			if (type == boolean.class) {
				in.put(name, keys.contains(name) && Macro.getValue(options, name, null) == null);
				continue;
			}
			String v = Macro.getValue(options, name, null);
			if (v == null) {
				continue;
			}
			in.put(name, type == File.class ? new File(v) : type == double.class ? Double
				.parseDouble(v) : type == int.class ? Integer.parseInt(v) : v);
		}
		for (String k : keys) {
			assertTrue(names.contains(k), "'" + k + "' is no input of " + cmd.getSimpleName()
				+ " " + names);
		}
		return in;
	}

	private static Ran run(String macro, Class<? extends Command> cmd,
		Map<String, String> vars, Map<String, Object> extra, Map<String, Object> expected)
		throws Exception
	{
		String[] o = options(macro, vars).split("\n", 2);
		assertTrue(cmd.getAnnotation(Plugin.class).menuPath().endsWith(">" + o[0]), o[0]);
		Map<String, Object> in = convert(cmd, o[1]);
		expected.forEach((k, v) -> assertEquals(v, in.get(k), k));
		in.putAll(extra);
		Ran m = Ran.run(ctx, cmd, in);
		assertFalse(m.isCanceled(), m.getCancelReason());
		in.forEach((k, v) -> assertEquals(v, m.getInput(k), k));
		return m;
	}

	private static Map<String, Object> shared(File model) {
		Map<String, Object> e = new HashMap<>();
		e.put("model", InstalledModels.FILE_CHOICE);
		e.put("model_file", model);
		e.put("device", "auto");
		e.put("threshold", 0.5);
		e.put("scaling", "display range");
		e.put("all_slices", false);
		return e;
	}

	@Test
	void classifyMacroSetsTheIntendedFields() throws Exception {
		File model = FijiFixtures.spec("r18_h1.json");
		Map<String, Object> want = shared(model);
		want.put("use_selection", true);
		ImagePlus imp = FijiFixtures.image(ImagePlus.GRAY8, 64, 64, 1, 1);
		Ran m = run("classify_current_image.ijm", ClassifyCommand.class, Map.of("model",
			model.getPath()), Map.of("image", imp), want);
		assertNotNull(m.getOutput("results_table"));
	}

	@Test
	void attentionMacroSetsTheIntendedFields() throws Exception {
		File model = FijiFixtures.spec("r18_h1.json");
		Map<String, Object> want = shared(model);
		want.putAll(Map.of("use_selection", true, "classes", "", "head", 1, "opacity", 0.5,
			"roi_threshold", 0.5, "show_stack", true));
		ImagePlus imp = FijiFixtures.image(ImagePlus.GRAY8, 64, 64, 1, 1);
		run("attention_map.ijm", AttentionMapCommand.class, Map.of("model", model.getPath(),
			"title", imp.getTitle()), Map.of("image", imp, "threshold", 0.001), want);
		assertEquals(10, imp.getOverlay().size(), "five heat maps and five outlines");
	}

	@Test
	void batchMacroSetsTheIntendedFields(@TempDir Path dir) throws Exception {
		File model = FijiFixtures.spec("r18_h1.json");
		Path in = Files.createDirectories(dir.resolve("in/sub"));
		IJ.saveAsTiff(FijiFixtures.image(ImagePlus.GRAY8, 40, 40, 1, 1), in.resolve("x.tif")
			.toString());
		Path csv = dir.resolve("labels.csv");
		Map<String, Object> want = shared(model);
		want.putAll(Map.of("input_dir", dir.resolve("in").toFile(), "recursive", true,
			"file_pattern", "*.{tif,tiff,png,jpg,jpeg}", "output_csv", csv.toFile(), "attention_dir",
			new File("")));
		Ran m = run("batch_classify.ijm", BatchClassifyCommand.class, Map.of("model",
			model.getPath(), "dir", dir.resolve("in").toString(), "csv", csv.toString(), "att", ""),
			Map.of(), want);
		assertEquals(1, m.getOutput("classified"));
		assertTrue(Files.readString(csv).contains("sub/x.tif"));
	}
}
