package org.csrafiji.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;

import org.csrafiji.fiji.command.AttentionMapCommand;
import org.csrafiji.fiji.command.BatchClassifyCommand;
import org.csrafiji.fiji.command.ClassifyCommand;
import org.csrafiji.fiji.command.DownloadWeightsCommand;
import org.csrafiji.fiji.command.EvaluateCommand;
import org.csrafiji.fiji.command.SettingsCommand;
import org.csrafiji.fiji.command.TrainCommand;
import org.csrafiji.train.synthetic.SceneGenerator;
import org.csrafiji.train.synthetic.SyntheticDatasetWriter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.command.Command;
import org.scijava.log.LogService;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Fiji users never read a command-line option: every CSRA command is run on its error paths
 * (missing and wrong files, a spec that does not fit its checkpoint, values out of range, an
 * image too small, an unknown class, ...) through a real Context, and every log line and cancel
 * reason is scanned for {@code --name}. Each case must also fail (a case that succeeded would
 * test nothing).
 */
class NoCommandLineWordingTest {

	/** A command-line option: two dashes and a letter, not inside a word or a longer dash run. */
	private static final Pattern OPTION = Pattern.compile("(?<![\\w-])--[a-z]");

	/**
	 * Messages that lower packages still word for the command line; the typed exceptions of
	 * issue 12 item 2 (the "p-model" branch) let Fiji word them for the dialog. This list must be
	 * exactly what the run finds, so it fails as soon as one is fixed: then delete its line.
	 */
	private static final Map<String, String> STILL_WORDED_FOR_THE_CLI = new TreeMap<>();

	@TempDir
	static Path tmp;

	private static Context ctx;
	private static final List<String> logged = Collections.synchronizedList(new ArrayList<>());

	@BeforeAll
	static void start() {
		ctx = FijiFixtures.context();
		ctx.service(LogService.class).addLogListener(m -> logged.add(m.text()));
	}

	@AfterAll
	static void stop() {
		ctx.dispose();
	}

	private record Case(String name, Class<? extends Command> command, Map<String, Object> in) {}

	private static Map<String, Object> model(Object modelFile) {
		Map<String, Object> in = new LinkedHashMap<>();
		in.put("model", InstalledModels.FILE_CHOICE);
		in.put("model_file", modelFile);
		in.put("device", "cpu");
		in.put("image", FijiFixtures.image(ImagePlus.GRAY8, 48, 48, 1, 3));
		return in;
	}

	private static Map<String, Object> with(Map<String, Object> in, Object... kv) {
		Map<String, Object> out = new LinkedHashMap<>(in);
		for (int i = 0; i < kv.length; i += 2) {
			out.put((String) kv[i], kv[i + 1]);
		}
		return out;
	}

	/** The fixture spec with some fields replaced (null removes one). */
	private static File spec(String name, Object... kv) throws Exception {
		String json = Files.readString(FijiFixtures.spec("r18_h1.json").toPath()).replace(
			"\"../model/official_r18_h1.pth\"", "\"" + FijiFixtures.checkpoint().getAbsolutePath()
				.replace("\\", "/") + "\"");
		for (int i = 0; i < kv.length; i += 2) {
			String field = "\"" + kv[i] + "\": ";
			int at = json.indexOf(field);
			int end = json.indexOf('\n', at);
			String line = json.substring(at, end);
			String comma = line.endsWith(",") ? "," : "";
			json = json.replace(line, kv[i + 1] == null
				? "\"unused_" + kv[i] + "\": 0" + comma
				: field + kv[i + 1] + comma);
		}
		Path p = tmp.resolve(name + ".json");
		Files.writeString(p, json);
		return p.toFile();
	}

	private static List<Case> cases() throws Exception {
		File missing = tmp.resolve("nothing-here").toFile();
		List<Case> c = new ArrayList<>();
		Map<String, Object> good = model(FijiFixtures.spec("r18_h1.json"));
		c.add(new Case("no image", ClassifyCommand.class, with(good, "image", null)));
		c.add(new Case("missing model file", ClassifyCommand.class, model(missing)));
		c.add(new Case("no model file", ClassifyCommand.class, model(null)));
		c.add(new Case("unknown installed model", ClassifyCommand.class, with(good, "model",
			"no-such-model")));
		c.add(new Case("threshold out of range", ClassifyCommand.class, with(good, "threshold",
			1.5)));
		c.add(new Case("image too small", ClassifyCommand.class, with(good, "image", FijiFixtures
			.image(ImagePlus.GRAY8, 2, 2, 1, 1))));
		c.add(new Case("weights not installed", ClassifyCommand.class, model(FijiFixtures.spec(
			"missing_checkpoint.json"))));
		c.add(new Case("spec with other classes", ClassifyCommand.class, model(FijiFixtures.spec(
			"wrong_classes.json"))));
		c.add(new Case("spec without checkpoint", ClassifyCommand.class, model(spec("nockpt",
			"checkpoint", null))));
		c.add(new Case("spec with other heads", ClassifyCommand.class, model(spec("heads", "heads",
			4))));
		c.add(new Case("spec with other architecture", ClassifyCommand.class, model(spec("arch",
			"architecture", "\"resnet34\""))));
		c.add(new Case("untrusted TorchScript", ClassifyCommand.class, model(spec("ts",
			"architecture", "\"torchscript\",\n  \"backbone\": \"" + tmp.resolve("m.pt").toString()
				.replace("\\", "/") + "\""))));
		c.add(new Case("unknown class", AttentionMapCommand.class, with(good, "classes", "zebra")));
		c.add(new Case("head out of range", AttentionMapCommand.class, with(good, "head", 3)));
		c.add(new Case("opacity out of range", AttentionMapCommand.class,
			with(good, "opacity", 2.0)));
		Map<String, Object> batch = new LinkedHashMap<>(good);
		batch.remove("image");
		c.add(new Case("batch folder missing", BatchClassifyCommand.class, with(batch, "input_dir",
			missing, "output_csv", tmp.resolve("b.csv").toFile())));
		c.add(new Case("batch without CSV", BatchClassifyCommand.class, with(batch, "input_dir", tmp
			.toFile(), "output_csv", null)));
		c.add(new Case("predictions missing", EvaluateCommand.class, Map.of("scores",
			"predictions_csv", "predictions_csv", missing, "labels_file", missing)));
		c.add(new Case("labels not given", EvaluateCommand.class, Map.of("scores",
			"predictions_csv", "predictions_csv", FijiFixtures.spec("r18_h1.json"))));
		c.add(new Case("dataset missing", EvaluateCommand.class, Map.of("scores", "model", "model",
			InstalledModels.FILE_CHOICE, "model_file", FijiFixtures.spec("r18_h1.json"),
			"dataset_kind", "csv", "dataset_path", missing)));
		c.add(new Case("unknown dataset kind", EvaluateCommand.class, Map.of("scores", "model",
			"model", InstalledModels.FILE_CHOICE, "model_file", FijiFixtures.spec("r18_h1.json"),
			"dataset_kind", "imagenet", "dataset_path", tmp.toFile())));
		c.add(new Case("training labels missing", TrainCommand.class, Map.of("training_labels",
			missing, "output_dir", tmp.resolve("t1").toFile(), "device", "cpu")));
		c.add(new Case("initial checkpoint not given", TrainCommand.class, Map.of("training_labels",
			FijiFixtures.spec("r18_h1.json"), "output_dir", tmp.resolve("t2").toFile(), "init",
			TrainSettings.FILE, "device", "cpu")));
		Path data = SyntheticDatasetWriter.write(new SceneGenerator(32, 5), 0, 4, tmp.resolve(
			"data"));
		c.add(new Case("learning rate negative", TrainCommand.class, Map.of("training_labels",
			data.toFile(), "output_dir", tmp.resolve("t4").toFile(),
			"learning_rate", -1.0, "device", "cpu")));
		c.add(new Case("libtorch folder without libtorch", SettingsCommand.class, Map.of(
			"use_libtorch", true, "libtorch_folder", tmp.toFile(), "version", "2.7.1", "flavour",
			"cpu")));
		c.add(new Case("download without a model", DownloadWeightsCommand.class, Map.of("model",
			"")));
		c.add(new Case("download of a missing spec", DownloadWeightsCommand.class, Map.of("model",
			"", "model_file", missing)));
		return c;
	}

	@Test
	void noErrorPathNamesACommandLineOption() throws Exception {
		Map<String, String> named = new TreeMap<>();
		List<String> succeeded = new ArrayList<>();
		for (Case c : cases()) {
			logged.clear();
			Ran r = Ran.run(ctx, c.command(), c.in());
			if (!r.isCanceled()) {
				succeeded.add(c.name());
			}
			List<String> texts = new ArrayList<>(logged);
			texts.add(String.valueOf(r.getCancelReason()));
			for (String t : texts) {
				var m = OPTION.matcher(t);
				if (m.find()) {
					named.put(c.name(), t.substring(m.start()).split("[\\s).,;]")[0]);
				}
			}
		}
		assertEquals(List.of(), succeeded, "these error paths did not fail");
		assertEquals(STILL_WORDED_FOR_THE_CLI, named);
	}

	@Test
	void thePatternFindsOptionsAndNothingElse() {
		assertTrue(OPTION.matcher("give --checkpoint FILE").find());
		assertTrue(OPTION.matcher("(--heads on the command line)").find());
		assertTrue(!OPTION.matcher("a -- b, x--y, ---- and -1").find());
	}
}
