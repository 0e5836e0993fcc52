package org.csrafiji.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import ij.IJ;
import ij.ImagePlus;
import ij.measure.ResultsTable;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.csrafiji.cli.Main;
import org.csrafiji.fiji.command.EvaluateCommand;
import org.csrafiji.render.MetricsTables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** "CSRA Evaluate" through a real Context: the same numbers as {@code evaluate --json}. */
class EvaluateCommandTest extends ContextTestBase {

	/** Four classes; "fish" has no positive, "bird" an ignored (empty) label. */
	static final String LABELS = """
		image,cat,dog,bird,fish
		a.jpg,1,0,1,0
		b.jpg,0,1,,0
		c.jpg,1,1,0,0
		d.jpg,0,0,1,0
		e.jpg,1,0,0,0
		f.jpg,0,1,1,0
		""";

	/** Ties (c and e for cat), scores exactly at 0.5, and the columns in another order. */
	static final String PREDICTIONS = """
		image,dog,cat,bird,fish
		a,0.10,0.90,0.70,0.20
		b,0.80,0.30,0.55,0.10
		c,0.50,0.60,0.20,0.60
		d,0.20,0.20,0.50,0.05
		e,0.40,0.60,0.45,0.30
		f,0.70,0.10,0.35,0.40
		""";

	static Path write(Path dir, String name, String text) throws Exception {
		return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
	}

	static JsonObject cliJson(String... args) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		List<String> all = new ArrayList<>(List.of("evaluate"));
		all.addAll(List.of(args));
		all.add("--json");
		int rc = Main.run(all, new PrintStream(out, true, StandardCharsets.UTF_8),
			new PrintStream(err,
				true, StandardCharsets.UTF_8));
		assertEquals(0, rc, err.toString(StandardCharsets.UTF_8));
		return JsonParser.parseString(out.toString(StandardCharsets.UTF_8)).getAsJsonObject();
	}

	static Ran evaluate(Object... inputs) throws Exception {
		Map<String, Object> in = new java.util.HashMap<>(Map.of("scores", "predictions_csv",
			"model", InstalledModels.FILE_CHOICE, "device", "cpu", "dataset_kind", "csv", "batch",
			8,
			"threshold", 0.5, "convention", "auto"));
		for (int i = 0; i < inputs.length; i += 2) {
			in.put((String) inputs[i], inputs[i + 1]);
		}
		Ran m = Ran.run(ctx, EvaluateCommand.class, in);
		assertFalse(m.isCanceled(), m.getCancelReason());
		return m;
	}

	static void assertPercent(JsonElement expected, double actual, String what) {
		if (expected.isJsonNull()) {
			assertTrue(Double.isNaN(actual), what + " should be undefined, was " + actual);
		}
		else {
			// percentages computed in double (IEEE strict, the same on any CPU) from ratios of
			// counts, against the same ratios in double: a few ulp of 100 (1.4e-14 each)
			assertEquals(expected.getAsDouble(), actual, 1e-9, what);
		}
	}

	/** Checks both tables against the CLI's JSON. */
	static void assertSameAsCli(JsonObject json, Ran m, List<String> classes) {
		ResultsTable metrics = (ResultsTable) m.getOutput("metrics_table");
		assertEquals(2, metrics.size());
		assertEquals("all", metrics.getStringValue(MetricsTables.ROW, 0));
		assertEquals("top-3", metrics.getStringValue(MetricsTables.ROW, 1));
		JsonObject top3 = json.getAsJsonObject("top3");
		for (String k : List.of("CP", "CR", "CF1", "OP", "OR", "OF1")) {
			assertPercent(json.get(k), metrics.getValue(k, 0), k);
			assertPercent(top3.get(k), metrics.getValue(k, 1), "top-3 " + k);
		}
		assertPercent(json.get("mAP"), metrics.getValue("mAP", 0), "mAP");
		assertTrue(Double.isNaN(metrics.getValue("mAP", 1)));
		assertPercent(json.get("per_class_f1_mean"), metrics.getValue(MetricsTables.F1_MEAN, 0),
			"per-class F1 mean");
		ResultsTable ap = (ResultsTable) m.getOutput("ap_table");
		assertEquals(classes.size(), ap.size());
		JsonObject apJson = json.getAsJsonObject("ap");
		for (int r = 0; r < ap.size(); r++) {
			String name = ap.getStringValue("class", r);
			assertEquals(classes.get(r), name);
			assertPercent(apJson.has(name) ? apJson.get(name) : com.google.gson.JsonNull.INSTANCE,
				ap
					.getValue("AP", r),
				"AP " + name);
		}
	}

	@Test
	void tablesEqualTheCliAndThePlotHasACurvePerClassWithPositives(@TempDir Path dir)
		throws Exception
	{
		Path labels = write(dir, "labels.csv", LABELS);
		Path pred = write(dir, "pred.csv", PREDICTIONS);
		Ran m = evaluate("predictions_csv", pred.toFile(), "labels_file", labels.toFile());
		assertSameAsCli(cliJson("--predictions", pred.toString(), "--labels", labels.toString()), m,
			List.of("cat", "dog", "bird", "fish"));
		ResultsTable ap = (ResultsTable) m.getOutput("ap_table");
		assertEquals(3, ap.getValue("positives", 0));
		assertEquals(3, ap.getValue("positives", 2), "the ignored bird label is no positive");
		assertEquals(0, ap.getValue("positives", 3));
		ImagePlus plot = (ImagePlus) m.getOutput("precision_recall");
		assertEquals("CSRA Precision-Recall", plot.getTitle());
		ij.gui.Plot p = (ij.gui.Plot) plot.getProperty(ij.gui.Plot.PROPERTY_KEY);
		assertEquals(List.of("cat", "dog", "bird"), curveLabels(p));
	}

	@Test
	void aThresholdAndAConventionGoThroughAsOnTheCommandLine(@TempDir Path dir) throws Exception {
		Path labels = write(dir, "labels.csv", LABELS);
		Path pred = write(dir, "pred.csv", PREDICTIONS);
		Ran m = evaluate("predictions_csv", pred.toFile(), "labels_file", labels.toFile(),
			"threshold", 0.6, "convention", "wider");
		assertSameAsCli(cliJson("--predictions", pred.toString(), "--labels", labels.toString(),
			"--threshold", "0.6", "--convention", "wider"), m,
			List.of("cat", "dog", "bird", "fish"));
	}

	@Test
	void savesBothTablesAndThePlot(@TempDir Path dir) throws Exception {
		Path out = dir.resolve("report");
		evaluate("predictions_csv", write(dir, "pred.csv", PREDICTIONS).toFile(), "labels_file",
			write(dir, "labels.csv", LABELS).toFile(), "output_dir", out.toFile());
		List<String> metrics = Files.readAllLines(out.resolve(EvaluationReport.METRICS_CSV));
		assertEquals(3, metrics.size(), metrics.toString());
		assertTrue(metrics.get(0).contains("mAP") && metrics.get(0).contains("OF1"),
			metrics.get(0));
		List<String> ap = Files.readAllLines(out.resolve(EvaluationReport.AP_CSV));
		assertEquals(5, ap.size());
		assertEquals("class,AP,positives", ap.get(0));
		assertTrue(ap.get(1).matches("cat,\\d+\\.\\d+,\\d+"), ap.get(1));
		ImagePlus png = IJ.openImage(out.resolve(EvaluationReport.PLOT_PNG).toString());
		assertTrue(png.getWidth() > 100 && png.getHeight() > 100);
	}

	@Test
	void anUnknownImageCancelsWithTheCliMessage(@TempDir Path dir) throws Exception {
		Path labels = write(dir, "labels.csv", LABELS);
		Path pred = write(dir, "pred.csv", PREDICTIONS + "zebra,0.1,0.1,0.1,0.1\n");
		Ran m = Ran.run(ctx, EvaluateCommand.class, Map.of("scores", "predictions_csv",
			"predictions_csv", pred.toFile(), "labels_file", labels.toFile(), "model",
			InstalledModels.FILE_CHOICE));
		assertTrue(m.isCanceled());
		assertTrue(m.getCancelReason().contains("zebra"), m.getCancelReason());
	}

	@Test
	void aModelRunOverACsvDatasetWritesResumableScoresThatTheCliAgreesWith(@TempDir Path dir)
		throws Exception
	{
		StringBuilder labels = new StringBuilder("image," + String.join(",", FijiFixtures.CLASSES)
			+ "\n");
		for (int i = 0; i < 4; i++) {
			IJ.saveAsTiff(FijiFixtures.image(ImagePlus.GRAY8, 64, 64, 1, i), dir.resolve("img" + i
				+ ".tif").toString());
			labels.append("img").append(i).append(".tif");
			for (int c = 0; c < FijiFixtures.CLASSES.size(); c++) {
				labels.append(',').append((i + c) % 2);
			}
			labels.append('\n');
		}
		Path csv = write(dir, "labels.csv", labels.toString());
		Path scores = dir.resolve("scores.csv");
		Object[] inputs = {"scores", "model", "model_file", FijiFixtures.spec("r18_h1.json"),
			"dataset_kind", "csv", "dataset_path", csv.toFile(), "predictions_out", scores.toFile(),
			"batch", 3};
		Ran m = evaluate(inputs);
		assertEquals(6, Files.readAllLines(scores).size(),
			"the model line, a header, a row per image");
		assertSameAsCli(cliJson("--predictions", scores.toString(), "--labels", csv.toString()), m,
			FijiFixtures.CLASSES);
		String before = Files.readString(scores);
		evaluate(inputs);
		assertEquals(before, Files.readString(scores), "a second run finds every image scored");
	}

	private static List<String> curveLabels(ij.gui.Plot p) {
		List<String> labels = new ArrayList<>();
		for (int i = 0; i < p.getNumPlotObjects(); i++) {
			String label = p.getPlotObjectLabel(i);
			if (label != null && p.getDataObjectArrays(i) != null) {
				labels.add(label);
			}
		}
		return labels;
	}
}
