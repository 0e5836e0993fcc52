package org.csrafiji.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.File;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.scijava.Context;
import org.scijava.command.CommandInfo;
import org.scijava.command.CommandService;
import org.scijava.module.Module;
import org.scijava.module.ModuleItem;
import org.scijava.module.ModuleService;
import org.scijava.prefs.PrefService;

/**
 * {@link LegacyOptions} against what a real imagej-legacy 2.0.3 did with 364 option strings
 * (src/test/resources/fiji/legacy-options.json, reduced from the project's observations by
 * src/test/python/extract_legacy_options.py): the same inputs set, to the same values; and,
 * fed to the real SciJava CommandInfo/ModuleService with its real preprocessors and the
 * stored values seeded as observed, every input of every headless case gets the value the
 * observed command received (what a left-out input gets, persisted or not).
 */
class LegacyOptionsTest {

	private static Context ctx;
	private static JsonObject fixture;

	@BeforeAll
	static void load() throws Exception {
		ctx = new Context(CommandService.class, PrefService.class);
		try (Reader r = new InputStreamReader(LegacyOptionsTest.class.getResourceAsStream(
			"/fiji/legacy-options.json"), StandardCharsets.UTF_8))
		{
			fixture = JsonParser.parseReader(r).getAsJsonObject();
		}
	}

	@AfterAll
	static void dispose() {
		ctx.dispose();
	}

	private static List<JsonObject> cases() {
		List<JsonObject> out = new ArrayList<>();
		fixture.getAsJsonArray("cases").forEach(e -> out.add(e.getAsJsonObject()));
		return out;
	}

	/** The observed command's input types (the not-persisted variant reports only some). */
	private static Map<String, Class<?>> types(String command) throws ClassNotFoundException {
		JsonObject all = fixture.getAsJsonObject("types");
		JsonObject own = all.getAsJsonObject(command);
		Map<String, Class<?>> out = new TreeMap<>();
		for (String k : own.keySet()) {
			JsonElement t = own.get(k).isJsonNull()
				? all.getAsJsonObject("Opt Test").get(k)
				: own
					.get(k);
			out.put(k, Class.forName(t.getAsString()));
		}
		return out;
	}

	private static String text(Object value) {
		return value instanceof File f ? f.getPath() : value == null ? null : value.toString();
	}

	private static String nullable(JsonElement e) {
		return e == null || e.isJsonNull() ? null : e.getAsString();
	}

	/**
	 * The observations name the test-data folder {@code <DATA>} and the working folder
	 * {@code <CWD>}; both were absolute paths, which SciJava keeps absolute when it stores a file.
	 */
	private static String located(String s) {
		return s == null
			? null
			: s.replace("<DATA>", DATA).replace("<CWD>", System.getProperty(
				"user.dir"));
	}

	private static final String DATA = new File(System.getProperty("java.io.tmpdir"),
		"observed-data").getAbsolutePath();

	@Test
	void setsTheInputsImageJLegacySetAndToTheSameValues() throws Exception {
		List<JsonObject> cases = cases();
		assertEquals(364, cases.size());
		for (JsonObject c : cases) {
			String options = nullable(c.get("options"));
			Map<String, Class<?>> types = types(c.get("command").getAsString());
			Map<String, String> pairs = LegacyOptions.pairs(options);
			TreeSet<String> set = new TreeSet<>(pairs.keySet());
			set.retainAll(types.keySet()); // an unknown key is ignored
			TreeSet<String> observed = new TreeSet<>();
			c.getAsJsonArray("macro").forEach(e -> observed.add(e.getAsString()));
			assertEquals(observed, set, "inputs set by: " + options);
			for (String k : set) {
				assertEquals(c.getAsJsonObject("received").get(k).getAsString(), text(LegacyOptions
					.convert(pairs.get(k), types.get(k))), k + " from: " + options);
			}
		}
	}

	@Test
	void realSciJavaPreprocessingGivesEveryInputItsObservedValue() throws Exception {
		ModuleService modules = ctx.service(ModuleService.class);
		int checked = 0;
		for (JsonObject c : cases()) {
			String command = c.get("command").getAsString();
			if (!c.get("mode").getAsString().equals("headless") || command.equals(
				"Opt Test Labels"))
			{
				continue;
			}
			CommandInfo info = new CommandInfo(LegacyOptionTestCommand.of(command));
			JsonObject prefs = c.getAsJsonObject("prefs");
			for (ModuleItem<?> item : info.inputs()) {
				seed(modules, item, located(nullable(prefs.get(item.getName()))));
			}
			String options = located(nullable(c.get("options")));
			Module m = modules.run(info, true, LegacyOptions.inputs(options, info)).get();
			JsonObject received = c.getAsJsonObject("received");
			for (String k : received.keySet()) {
				assertEquals(located(nullable(received.get(k))), text(m.getInput(k)),
					command + ", " + k
						+ " from: " + options + " with stored " + prefs);
			}
			checked++;
		}
		assertTrue(checked > 150, "headless cases checked: " + checked);
	}

	/** Stores a value as an earlier run would have (null: nothing stored). */
	private static <T> void seed(ModuleService modules, ModuleItem<T> item, String stored) {
		T value = stored == null
			? item.getDefaultValue()
			: ctx.service(
				org.scijava.convert.ConvertService.class).convert(stored, item.getType());
		modules.save(item, value);
	}
}
