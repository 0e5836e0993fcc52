package org.csrafiji.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.measure.ResultsTable;

import org.csrafiji.app.download.DownloadFixtures;
import org.csrafiji.app.download.WeightsServer;
import org.csrafiji.render.ResultsTables;
import org.csrafiji.train.synthetic.SceneGenerator;
import org.csrafiji.train.synthetic.SyntheticSlide;
import org.csrafiji.train.synthetic.SyntheticDatasetWriter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.command.Command;
import org.scijava.command.CommandInfo;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;
import org.scijava.console.ConsoleService;
import org.scijava.log.LogLevel;
import org.scijava.log.LogService;
import org.scijava.module.Module;
import org.scijava.module.ModuleService;
import org.scijava.run.RunService;
import org.scijava.startup.StartupService;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every CSRA command run each way Fiji and scripts run it, in a full SciJava Context (with
 * the DisplayService, so SciJava's display postprocessing runs as in Fiji):
 * {@code RunService.run(title, key, value, ...)} (what {@code --run} calls; the run has
 * finished when the call returns), {@code CommandService.run(class, true, inputs).get()} and
 * {@code ModuleService.run(info, true, inputs).get()} (scripts; both give the finished module
 * with its outputs), and the README's {@code --headless --run} lines through the ConsoleService
 * and StartupService, as the launcher does. No run logs a warning or an error.
 */
class CommandPathsTest {

	@TempDir
	static Path tmp;

	private static Context ctx;
	private static WeightsServer weights;
	private static final List<String> warnings = Collections.synchronizedList(new ArrayList<>());
	private static final List<String> infos = Collections.synchronizedList(new ArrayList<>());

	@BeforeAll
	static void start() throws Exception {
		weights = new WeightsServer(DownloadFixtures.oneHead(), "application/octet-stream", -1);
		ctx = new Context();
		ctx.service(LogService.class).addLogListener(m -> {
			if (m.level() <= LogLevel.WARN) warnings.add(m.text());
			else if (m.level() == LogLevel.INFO) infos.add(m.text());
		});
	}

	@AfterAll
	static void stop() {
		ctx.dispose();
		weights.close();
	}

	/** A command's inputs for one quick run, and what a finished run leaves behind. */
	private record Case(String title, Map<String, Object> inputs, Predicate<Module> done) {}

	private static int n;

	private static Path fresh(String name) {
		return tmp.resolve(name + "-" + (++n));
	}

	private static Map<String, Object> model() {
		Map<String, Object> in = new LinkedHashMap<>();
		in.put("model", InstalledModels.FILE_CHOICE);
		in.put("model_file", FijiFixtures.spec("r18_h1.json"));
		in.put("device", "cpu");
		return in;
	}

	private static List<Case> cases() throws Exception {
		List<Case> out = new ArrayList<>();
		ResultsTables tables = ctx.service(CsraService.class).tables();

		Map<String, Object> classify = model();
		ImagePlus imp = FijiFixtures.image(ImagePlus.GRAY8, 64, 64, 1, 11);
		classify.put("image", imp);
		int rows = tables.current().size();
		out.add(
			new Case("CSRA Classify", classify, m -> tables.current().size() > rows && (m == null
				|| m.getOutput("results_table") instanceof ResultsTable)));

		Map<String, Object> attention = model();
		ImagePlus att = FijiFixtures.image(ImagePlus.GRAY8, 64, 64, 1, 12);
		attention.put("image", att);
		attention.put("classes", "cell");
		attention.put("show_stack", true);
		out.add(
			new Case("CSRA Attention Map", attention, m -> att.getOverlay() != null && (m == null
				|| m.getOutput("attention_stack") instanceof ImagePlus)));

		// the demo model on one synthetic scene: one tile, a few objects on the Overlay
		Map<String, Object> tiles = model();
		tiles.put("model_file", TileClassifyCommandTest.DEMO);
		ImagePlus scene = SyntheticSlide.of(new SceneGenerator(256, 16), 1, 1).image();
		tiles.put("image", scene);
		int tileRuns = tileRuns();
		out.add(new Case("CSRA Tile Classify", tiles, m -> tileRuns() > tileRuns && (m == null || m
			.getOutput("tile_table") instanceof ResultsTable
			&& m.getOutput(
				"score_map") instanceof ImagePlus
			&& m.getOutput("tile_map") instanceof ImagePlus)));

		Map<String, Object> rois = model();
		rois.put("model_file", TileClassifyCommandTest.DEMO);
		ImagePlus objects = scene.duplicate();
		objects.setOverlay(new ij.gui.Overlay(new ij.gui.OvalRoi(40, 40, 60, 60)));
		rois.put("image", objects);
		out.add(
			new Case("CSRA Classify ROIs", rois, m -> objects.getOverlay().size() == 2 && (m == null
				|| ((ResultsTable) m.getOutput("object_table")).size() == 1)));

		Path in = Files.createDirectories(fresh("in"));
		IJ.saveAsTiff(FijiFixtures.image(ImagePlus.GRAY8, 40, 40, 1, 13), in.resolve("a.tif")
			.toString());
		Map<String, Object> batch = model();
		batch.put("input_dir", in.toFile());
		Path csv = fresh("batch").resolveSibling("batch-" + n + ".csv");
		batch.put("output_csv", csv.toFile());
		out.add(new Case("CSRA Batch Classify", batch, m -> Files.exists(csv) && (m == null
			|| Integer.valueOf(1).equals(m.getOutput("classified")))));

		Path ev = Files.createDirectories(fresh("eval"));
		Map<String, Object> evaluate = new LinkedHashMap<>();
		evaluate.put("predictions_csv", EvaluateCommandTest.write(ev, "pred.csv",
			EvaluateCommandTest.PREDICTIONS).toFile());
		evaluate.put("labels_file", EvaluateCommandTest.write(ev, "labels.csv",
			EvaluateCommandTest.LABELS).toFile());
		evaluate.put("output_dir", ev.resolve("report").toFile());
		out.add(new Case("CSRA Evaluate", evaluate, m -> Files.exists(ev.resolve(
			"report/csra_metrics.csv"))
			&& (m == null || m.getOutput(
				"metrics_table") instanceof ResultsTable)));

		Path download = Files.createDirectories(fresh("download"));
		DownloadFixtures.spec(download, weights.uri().toString(), null);
		Map<String, Object> fetch = new LinkedHashMap<>();
		fetch.put("model", "");
		fetch.put("model_file", download.resolve("r18.json").toFile());
		out.add(new Case("CSRA Download Weights", fetch, m -> Files.isRegularFile(download.resolve(
			"weights/r18.pth"))
			&& (m == null || String.valueOf(m.getOutput("message")).startsWith(
				"Installed the weights of"))));

		out.add(new Case("CSRA Engine Info", Map.of(), m -> m == null || m.getOutput(
			"engine_table") instanceof ResultsTable));

		// A spec whose checkpoint is in place: nothing to fetch, and the command says so.
		out.add(new Case("CSRA Download Weights", Map.of("model_file", FijiFixtures.spec(
			"r18_h1.json")),
			m -> m == null || m.getOutput("message").toString().contains(
				"already installed")));

		out.add(new Case("CSRA Settings", Map.of("use_libtorch", false), m -> m == null || m
			.getOutput("message").toString().startsWith("No local libtorch")));

		Path labels = SyntheticDatasetWriter.write(new SceneGenerator(32, 5), 0, 4, fresh("data"));
		Path run = fresh("train");
		Map<String, Object> train = new LinkedHashMap<>(Map.of("training_labels", labels.toFile(),
			"output_dir", run.toFile(), "base_width", 4, "input_size", 32, "epochs", 1,
			"batch_size",
			4, "device", "cpu"));
		out.add(
			new Case("CSRA Train", train, m -> Files.exists(run.resolve("best.json")) && (m == null
				|| m.getOutput("best_spec") != null)));
		return out;
	}

	/** @return how many Tile Classify runs have logged their end since the last test began */
	private static int tileRuns() {
		synchronized (infos) {
			return (int) infos.stream().filter(l -> l.contains(" tiles of 256 px")).count();
		}
	}

	private static CommandInfo info(String title) {
		return FijiFixtures.command(ctx, title);
	}

	@Test
	void everyCsraCommandIsCovered() throws Exception {
		TreeSet<String> titles = new TreeSet<>();
		for (CommandInfo i : ctx.service(CommandService.class).getCommands()) {
			if (i.getClassName().startsWith("org.csrafiji.")) titles.add(i.getTitle());
		}
		TreeSet<String> covered = new TreeSet<>();
		cases().forEach(c -> covered.add(c.title()));
		assertEquals(titles, covered);
	}

	/** The evaluation fixture's class without positives is warned about, rightly; nothing else. */
	private static void assertNoWarnings() {
		List<String> other = new ArrayList<>(warnings);
		other.removeIf(w -> w.startsWith("CSRA Evaluate: Class 'fish' has no positive sample"));
		assertEquals(List.of(), other);
	}

	@org.junit.jupiter.api.BeforeEach
	void forgetWarnings() {
		warnings.clear();
		infos.clear();
	}

	@Test
	void aHeadlessBatchLogsItsProgressWithTheRate() throws Exception {
		Path in = Files.createDirectories(fresh("in"));
		for (int i = 0; i < 3; i++) {
			IJ.saveAsTiff(FijiFixtures.image(ImagePlus.GRAY8, 40, 40, 1, 20 + i), in.resolve("p" + i
				+ ".tif").toString());
		}
		Map<String, Object> batch = model();
		batch.put("input_dir", in.toFile());
		batch.put("output_csv", in.resolveSibling("progress-" + n + ".csv").toFile());
		ctx.service(CommandService.class).run(info("CSRA Batch Classify"), true, batch).get();
		List<String> lines = new ArrayList<>(infos);
		lines.removeIf(l -> !l.startsWith("CSRA batch: ") || !l.endsWith(")"));
		assertEquals("CSRA batch: file p0.tif (0/3)", lines.get(0), lines.toString());
		String last = lines.get(lines.size() - 1);
		assertTrue(last.matches("CSRA batch: 3 classified.* \\(3/3, [0-9.]+(/s| s each)\\)"), last);
		assertNoWarnings();
	}

	@Test
	void runServiceReturnsAfterTheRun() throws Exception {
		for (Case c : cases()) {
			List<Object> args = new ArrayList<>();
			c.inputs().forEach((k, v) -> {
				args.add(k);
				args.add(v);
			});
			ctx.service(RunService.class).run(c.title(), args.toArray());
			assertTrue(c.done().test(null), c.title() + " had not finished when run returned");
		}
		assertNoWarnings();
	}

	@Test
	void commandServiceGivesTheFinishedModule() throws Exception {
		for (Case c : cases()) {
			@SuppressWarnings("unchecked")
			Class<? extends Command> cls = (Class<? extends Command>) Class.forName(info(c.title())
				.getClassName());
			CommandModule m = ctx.service(CommandService.class).run(cls, true, c.inputs()).get();
			assertNotNull(m, c.title());
			assertFalse(m.isCanceled(), c.title() + ": " + m.getCancelReason());
			assertTrue(c.done().test(m), c.title());
		}
		assertNoWarnings();
	}

	@Test
	void moduleServiceGivesTheFinishedModule() throws Exception {
		for (Case c : cases()) {
			Module m = ctx.service(ModuleService.class).run(info(c.title()), true, c.inputs())
				.get();
			assertFalse(((CommandModule) m).isCanceled(), c.title());
			assertTrue(c.done().test(m), c.title());
		}
		assertNoWarnings();
	}

	@Test
	void readmeHeadlessRunLinesRunToTheEnd() throws Exception {
		Path in = Files.createDirectories(fresh("in"));
		IJ.saveAsTiff(FijiFixtures.image(ImagePlus.GRAY8, 40, 40, 1, 14), in.resolve("b.tif")
			.toString());
		Path ev = Files.createDirectories(fresh("eval"));
		EvaluateCommandTest.write(ev, "pred.csv", EvaluateCommandTest.PREDICTIONS);
		EvaluateCommandTest.write(ev, "labels.csv", EvaluateCommandTest.LABELS);
		String readme = Files.readString(Path.of("README.md")).replace("/path/spec.json",
			FijiFixtures.spec("r18_h1.json").getPath()).replace("/data/in", in.toString()).replace(
				"/data/out.csv", in.resolveSibling("out.csv").toString())
			.replace("/data/pred.csv", ev
				.resolve("pred.csv").toString())
			.replace("/data/labels.csv", ev.resolve("labels.csv")
				.toString())
			.replace("/data/report", ev.resolve("report").toString());
		Matcher m = Pattern.compile("--run \"([^\"]+)\" \"([^\"]*)\"").matcher(readme);
		int lines = 0;
		while (m.find()) {
			ctx.service(ConsoleService.class).processArgs("--run", m.group(1), m.group(2));
			ctx.service(StartupService.class).executeOperations();
			lines++;
		}
		assertTrue(lines >= 2, "README --run lines: " + lines);
		assertTrue(Files.readString(in.resolveSibling("out.csv")).contains("b.tif"));
		assertTrue(Files.exists(ev.resolve("report/csra_metrics.csv")));
		assertNoWarnings();
	}

	/** The README's Groovy lines, in Java: run by class name, read the table output. */
	@Test
	void readmeScriptCallGivesTheTable() throws Exception {
		ImagePlus imp = FijiFixtures.image(ImagePlus.GRAY8, 64, 64, 1, 15);
		CommandModule m = ctx.service(CommandService.class).run(
			"org.csrafiji.fiji.command.ClassifyCommand", true, "image", imp, "model_file",
			FijiFixtures
				.spec("r18_h1.json"),
			"device", "auto").get();
		assertFalse(m.isCanceled(), m.getCancelReason());
		ResultsTable rt = (ResultsTable) m.getOutput("results_table");
		assertEquals(imp.getTitle(), rt.getStringValue("Image", rt.size() - 1));
		assertNotNull(rt.getStringValue("Labels", rt.size() - 1));
		assertTrue(Files.readString(Path.of("README.md")).contains(
			"command.run(\"org.csrafiji.fiji.command.ClassifyCommand\", true,"));
		assertNoWarnings();
	}
}
