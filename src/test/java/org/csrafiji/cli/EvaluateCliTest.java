package org.csrafiji.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.Gson;
import com.google.gson.JsonObject;

class EvaluateCliTest {

	/** Percentages from ratios of counts in double (IEEE strict): a few ulp of 100, 1.4e-14 each. */
	private static final double EPS = 1e-9;

	@TempDir
	Path dir;

	private static EvaluateRun run(String... args) {
		return EvaluateRun.of(args);
	}

	// The case of ThresholdMetricsTest, hand-computed there; here rows and columns are shuffled,
	// image names carry other extensions, and class c has one ignored entry.
	private Path labels() throws IOException {
		return Files.writeString(dir.resolve("labels.csv"),
			"image,a,b,c\nimg0.jpg,1,0,\nimg1.jpg,0,1,0\nimg2.jpg,1,1,0\nimg3.jpg,0,0,1\n");
	}

	private Path predictions(String... extraRows) throws IOException {
		return Files.writeString(dir.resolve("pred.csv"), "image,c,a,b\nout/img3.png,0.6,0.7,0.1\n"
			+ "img0.png,0.9,0.6,0.5\nimg1.png,0.2,0.4,0.7\nimg2.png,0.1,0.3,0.8\n"
			+ String.join("", extraRows));
	}

	@Test
	void printsOnlyTheJsonWithEveryValueInPercent() throws IOException {
		EvaluateRun r = run("evaluate", "--predictions", predictions().toString(), "--labels",
			labels().toString(), "--json");
		assertEquals(0, r.code(), r.err());
		JsonObject json = new Gson().fromJson(r.out(), JsonObject.class);
		assertEquals(
			List.of("mAP", "CP", "CR", "CF1", "OP", "OR", "OF1", "top3", "per_class_f1_mean", "ap"),
			new ArrayList<>(json.keySet()));
		// AP: a ranks N P N P -> (1/2 + 2/4) / 2; b ranks P P N N -> 1; c (ignored 0.9 dropped) -> 1
		assertEquals(100 * 2.5 / 3, json.get("mAP").getAsDouble(), EPS);
		assertEquals(50, json.getAsJsonObject("ap").get("a").getAsDouble(), EPS);
		assertEquals(100, json.getAsJsonObject("ap").get("c").getAsDouble(), EPS);
		assertEquals(100 * 13.0 / 18, json.get("CP").getAsDouble(), EPS);
		assertEquals(100 * 5.0 / 6, json.get("CR").getAsDouble(), EPS);
		assertEquals(100 * 65.0 / 84, json.get("CF1").getAsDouble(), EPS);
		assertEquals(100 * 4.0 / 6, json.get("OP").getAsDouble(), EPS);
		assertEquals(100 * 4.0 / 5, json.get("OR").getAsDouble(), EPS);
		assertEquals(100 * 8.0 / 11, json.get("OF1").getAsDouble(), EPS);
		assertEquals(100 * 2.3 / 3, json.get("per_class_f1_mean").getAsDouble(), EPS);
		JsonObject top3 = json.getAsJsonObject("top3");
		assertEquals(Set.of("CP", "CR", "CF1", "OP", "OR", "OF1"), top3.keySet());
		assertEquals(100 * 13.0 / 18, top3.get("CP").getAsDouble(), EPS); // 3 classes: top-3 keeps all
		assertEquals("", r.err());
	}

	@Test
	void thresholdOptionMovesTheOperatingPoint() throws IOException {
		EvaluateRun r = run("evaluate", "--predictions", predictions().toString(), "--labels",
			labels().toString(),
			"--json", "--threshold", "0.75");
		JsonObject json = new Gson().fromJson(r.out(), JsonObject.class);
		// at 0.75 only b's 0.8 (tp) is predicted among the non-ignored entries
		assertEquals(100 * (0 + 1 + 0) / 3.0, json.get("CP").getAsDouble(), EPS);
		assertEquals(100 * 1.0 / 3, json.get("OP").getAsDouble(), EPS); // 1 tp over 1 + 1 + 1
	}

	@Test
	void printsAReadableTableByDefault() throws IOException {
		EvaluateRun r = run("evaluate", "--predictions", predictions().toString(), "--labels",
			labels().toString());
		assertEquals(0, r.code(), r.err());
		assertTrue(r.out().contains("mAP") && r.out().contains("OF1") && r.out().contains("top-3"),
			r.out());
		assertTrue(r.out().contains("83.33"), r.out());
		assertTrue(
			r.out().lines().anyMatch(l -> l.strip().startsWith("a") && l.strip().endsWith("50.00")),
			r.out());
	}

	@Test
	void readsAPreparedListAndWarnsAboutClassesWithoutPositives() throws IOException {
		List<String> wider = List.of("Male", "longHair", "sunglass", "Hat", "Tshirt", "longSleeve",
			"formal",
			"shorts", "jeans", "longPants", "skirt", "faceMask", "logo", "stripe");
		List<String> first = new ArrayList<>(Collections.nCopies(14, "0"));
		first.set(0, "1");
		first.set(1, "99");
		Path labels = Files.writeString(dir.resolve("test_wider.json"),
			"[{\"img_path\": \"/w/Image/p.jpg\","
				+ " \"bbox\": [1, 2, 3, 4], \"target\": [" + String.join(",", first)
				+ "]}, {\"img_path\": \"/w/Image/p.jpg\","
				+ " \"bbox\": [5, 6, 7, 8], \"target\": ["
				+ String.join(",", Collections.nCopies(14, "0")) + "]}]");
		String header = "image," + String.join(",", wider) + "\n";
		Path pred = Files.writeString(dir.resolve("pred.csv"), header
			+ "p#1," + String.join(",", Collections.nCopies(14, "0.25")) + "\n"
			+ "p#0,0.9," + String.join(",", Collections.nCopies(13, "0.75")) + "\n");
		EvaluateRun r = run("evaluate", "--predictions", pred.toString(), "--labels",
			labels.toString(), "--json");
		assertEquals(0, r.code(), r.err());
		JsonObject json = new Gson().fromJson(r.out(), JsonObject.class);
		assertEquals(Set.of("Male"), json.getAsJsonObject("ap").keySet());
		assertEquals(100, json.get("mAP").getAsDouble(), EPS);
		// WIDER counts unspecified as negative: p#0 predicts 13 other attributes, all false
		assertEquals(100 * 1.0 / 14, json.get("OP").getAsDouble(), EPS);
		assertTrue(r.err().contains("warning: Class 'longHair' has no positive sample"), r.err());
		assertTrue(r.err().contains("note: Read the targets"), r.err());
	}

	@Test
	void missingImageIsOneErrorLineNamingIt() throws IOException {
		Path labels = Files.writeString(dir.resolve("labels.csv"),
			"image,a,b,c\nimg0.jpg,1,0,\nimg9.jpg,0,1,0\n");
		EvaluateRun r = run("evaluate", "--predictions", predictions().toString(), "--labels",
			labels.toString());
		assertEquals(1, r.code());
		assertEquals(1, r.err().lines().count(), r.err());
		assertTrue(r.err().startsWith("csra: error: Image 'img9'"), r.err());
		assertEquals("", r.out());
	}

	@Test
	void extraImageAndUnknownClassAreErrors() throws IOException {
		EvaluateRun extra = run("evaluate", "--predictions",
			predictions("img7.png,0.1,0.2,0.3\n").toString(),
			"--labels", labels().toString());
		assertEquals(1, extra.code());
		assertTrue(extra.err().contains("'img7'"), extra.err());
		Path pred = Files.writeString(dir.resolve("p2.csv"), "image,a,b,d\nimg0.png,0.1,0.2,0.3\n");
		EvaluateRun unknown = run("evaluate", "--predictions", pred.toString(), "--labels",
			labels().toString());
		assertEquals(1, unknown.code());
		assertTrue(unknown.err().contains("'c'"), unknown.err());
	}

	@Test
	void badCommandLinesSayWhatIsWrong() throws IOException {
		EvaluateRun noLabels = run("evaluate", "--predictions", "p.csv");
		assertEquals(2, noLabels.code());
		assertTrue(noLabels.err().startsWith("csra: error: --labels is missing"), noLabels.err());
		assertEquals(1, noLabels.err().lines().count());
		assertEquals(2,
			run("evaluate", "--labels", "l.csv", "--predictions", "p.csv", "--threshold", "high")
				.code());
		assertEquals(2, run("evaluate", "--convention", "imagenet").code());
		EvaluateRun model = run("evaluate", "--model", "voc.json", "--dataset", "VOCdevkit");
		assertEquals(2, model.code());
		assertTrue(model.err().contains("'VOCdevkit' is not one of voc2007:DIR"), model.err());
		EvaluateRun help = run("evaluate", "--help");
		assertEquals(0, help.code());
		assertTrue(
			help.out().startsWith("usage: ") && help.out().contains("\n  evaluate --predictions"),
			help.out());
		EvaluateRun absent = run("evaluate", "--predictions", dir.resolve("none.csv").toString(),
			"--labels",
			labels().toString());
		assertEquals(1, absent.code());
		assertTrue(absent.err().contains("none.csv does not exist"), absent.err());
	}
}
