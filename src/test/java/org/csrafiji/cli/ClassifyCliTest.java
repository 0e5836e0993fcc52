package org.csrafiji.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.process.ByteProcessor;
import ij.process.ColorProcessor;
import ij.process.FloatProcessor;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * The command line end to end on the small PyTorch fixture model: JSON output, options
 * overriding, and one clear line with a non-zero status for bad input.
 */
class ClassifyCliTest {

	private static final String CKPT = "src/test/resources/model/official_r18_h1.pth";

	@TempDir
	Path dir;

	private String out;
	private String err;

	private int run(String... args) {
		ByteArrayOutputStream o = new ByteArrayOutputStream();
		ByteArrayOutputStream e = new ByteArrayOutputStream();
		int status = Main.run(Arrays.asList(args), new PrintStream(o, true, StandardCharsets.UTF_8),
			new PrintStream(e, true, StandardCharsets.UTF_8));
		out = o.toString(StandardCharsets.UTF_8);
		err = e.toString(StandardCharsets.UTF_8);
		return status;
	}

	private String rgbImage(String name, int w, int h) {
		ColorProcessor cp = new ColorProcessor(w, h);
		Random r = new Random(3);
		for (int i = 0; i < w * h; i++) {
			cp.set(i, r.nextInt(0xffffff));
		}
		String f = dir.resolve(name).toString();
		IJ.saveAsTiff(new ImagePlus(name, cp), f);
		return f;
	}

	@Test
	void aBareCheckpointIsReadAsFijiReadsItWithoutNamingItsArchitecture() {
		// the fixture is a resnet18; before the shared resolver the CLI assumed resnet101 here
		assertEquals(0, run("classify", "--checkpoint", CKPT, "--size", "96", "--json", rgbImage(
			"a.tif", 96, 96)), err);
		assertTrue(err.contains("(resnet18, 1 head(s)"), err);
	}

	@Test
	void jsonHasOneEntryPerImageWithScoresAndLogitsByClassName() {
		String a = rgbImage("a.tif", 130, 90);
		String b = rgbImage("b=2.tif", 96, 96);
		assertEquals(0, run("classify", "--checkpoint", CKPT, "--arch", "resnet18", "--size", "96",
			"--threshold", "0.3", "--json", a, b), err);
		// '=' stays readable (by default Gson writes it as a backslash-u003d escape).
		assertTrue(out.contains("b=2.tif") && !out.contains("\\u003d"), out);
		JsonArray arr = JsonParser.parseString(out).getAsJsonArray();
		assertEquals(2, arr.size());
		for (int i = 0; i < 2; i++) {
			JsonObject o = arr.get(i).getAsJsonObject();
			assertEquals(i == 0 ? a : b, o.get("image").getAsString());
			JsonObject slice = o.getAsJsonObject("slice");
			assertEquals(List.of(1, 1, 1), List.of(slice.get("c").getAsInt(), slice.get("z")
				.getAsInt(), slice.get("t").getAsInt()));
			JsonObject scores = o.getAsJsonObject("scores");
			JsonObject logits = o.getAsJsonObject("logits");
			assertEquals(List.of("class0", "class1", "class2", "class3", "class4"), new ArrayList<>(
				scores.keySet()));
			assertEquals(scores.keySet(), logits.keySet());
			List<String> expected = new ArrayList<>();
			for (int c = 0; c < 5; c++) {
				double l = logits.get("class" + c).getAsDouble();
				// sigmoid of a float32 logit, rounded to float32: within a few float32 ulps of 1
				double s = 1 / (1 + Math.exp(-l));
				// the score is sigmoid(logit) in float32 (a few roundings of u = 6e-8 relative,
				// value <= 1) and the printed logit is that same float: within 4 u < 1e-6
				assertEquals(s, scores.get("class" + c).getAsDouble(), 1e-6);
				if (s > 0.3) {
					expected.add("class" + c);
				}
			}
			List<String> labels = new ArrayList<>();
			o.getAsJsonArray("labels").forEach(x -> labels.add(x.getAsString()));
			labels.sort(null);
			assertEquals(expected, labels);
		}
		assertTrue(err.contains("running on cpu"), err);
	}

	@Test
	void jsonGivesEachSliceItsOwnPositionBesideThePlainFileName() {
		ImageStack stack = new ImageStack(64, 64);
		Random r = new Random(5);
		for (int z = 0; z < 3; z++) {
			ByteProcessor bp = new ByteProcessor(64, 64);
			for (int i = 0; i < 64 * 64; i++) {
				bp.set(i, r.nextInt(256));
			}
			stack.addSlice(bp);
		}
		String f = dir.resolve("stack.tif").toString();
		IJ.saveAsTiff(new ImagePlus("stack", stack), f);
		assertEquals(0, run("classify", "--checkpoint", CKPT, "--arch", "resnet18", "--size", "64",
			"--all-slices", "--json", f), err);
		JsonArray arr = JsonParser.parseString(out).getAsJsonArray();
		assertEquals(3, arr.size());
		for (int z = 0; z < 3; z++) {
			JsonObject o = arr.get(z).getAsJsonObject();
			assertEquals(f, o.get("image").getAsString());
			assertEquals(z + 1, o.getAsJsonObject("slice").get("z").getAsInt());
		}
	}

	@Test
	void namedClassesAndTextOutput() {
		Path classes = dir.resolve("classes.txt");
		IJ.saveString("cell\nnucleus\nmito\n# comment\nvesicle\ndebris\n", classes.toString());
		String a = rgbImage("a.tif", 100, 100);
		assertEquals(0, run("classify", "--checkpoint", CKPT, "--arch", "resnet18", "--size", "96",
			"--classes", classes.toString(), a), err);
		assertTrue(out.startsWith(a + "\t"), out);
		assertTrue(out.matches("(?s).*(cell|nucleus|mito|vesicle|debris|no class).*"), out);
	}

	@Test
	void attentionWritesLabelsCsvAndOneOverlayPngPerImage() throws Exception {
		String a = rgbImage("a.tif", 120, 80);
		String b = rgbImage("b.tif", 64, 64);
		Path outDir = dir.resolve("out");
		assertEquals(0, run("attention", "--checkpoint", CKPT, "--arch", "resnet18", "--size", "96",
			"--threshold", "0.01", "--out", outDir.toString(), a, b), err);
		List<String> rows = java.nio.file.Files.readAllLines(outDir.resolve("labels.csv"));
		assertEquals("image,labels,class0,class1,class2,class3,class4", rows.get(0));
		assertEquals(3, rows.size());
		assertTrue(rows.get(1).startsWith("a.tif,"), rows.get(1));
		ImagePlus png = IJ.openImage(outDir.resolve("a.attention.png").toString());
		// The image and one panel per class (all five are above 0.01), enlarged to 256 high.
		int panelWidth = (int) Math.round(120 * 256 / 80.0);
		assertEquals(256, png.getHeight());
		assertEquals(6 * panelWidth + 5 * 4, png.getWidth());
		ij.process.ImageProcessor ip = png.getProcessor();
		int differing = 0;
		for (int y = 0; y < 256; y++) {
			for (int x = 0; x < panelWidth; x++) {
				differing += ip.getPixel(x, y) != ip.getPixel(panelWidth + 4 + x, y) ? 1 : 0;
			}
		}
		assertTrue(differing > panelWidth * 256 / 2, "a class panel differs from the plain image");
		assertEquals(120, IJ.openImage(a).getWidth(), "the input file is untouched");
		assertTrue(out.contains("labels: "), out);
	}

	@Test
	void aPatternThatMatchedNothingIsNamedAsSuch() {
		String pattern = dir.resolve("*.TIF").toString();
		rgbImage("a.tif", 64, 64);
		assertEquals(1, run("classify", "--checkpoint", CKPT, "--arch", "resnet18", pattern));
		assertTrue(err.contains("'" + pattern + "' matches no file") && err.contains("nothing to"
			+ " classify"), err);
		assertEquals(1, run("attention", "--checkpoint", CKPT, "--out", dir.resolve("o").toString(),
			pattern));
		assertTrue(err.contains("matches no file"), err);
	}

	@Test
	void attentionLabelsCsvKeepsFormulaLikeNamesAsText() throws Exception {
		String a = rgbImage("=1+2.tif", 64, 64);
		Path classes = java.nio.file.Files.writeString(dir.resolve("classes.txt"),
			"@SUM(A1)\n+x\n-y\nplain\n=HYPERLINK(\"h\")\n");
		Path outDir = dir.resolve("out");
		assertEquals(0, run("attention", "--checkpoint", CKPT, "--arch", "resnet18", "--size", "96",
			"--classes", classes.toString(), "--out", outDir.toString(), a), err);
		List<String> rows = java.nio.file.Files.readAllLines(outDir.resolve("labels.csv"));
		assertEquals("image,labels,'@SUM(A1),'+x,'-y,plain,\"'=HYPERLINK(\"\"h\"\")\"",
			rows.get(0));
		assertTrue(rows.get(1).startsWith("'=1+2.tif,"), rows.get(1));
		List<String> read = new ArrayList<>();
		try (org.csrafiji.eval.CsvReader in = org.csrafiji.eval.CsvReader.open(outDir.resolve(
			"labels.csv")))
		{
			read.addAll(in.next().fields());
			read.add(in.next().fields().get(0));
		}
		assertEquals(
			List.of("image", "labels", "@SUM(A1)", "+x", "-y", "plain", "=HYPERLINK(\"h\")",
				"=1+2.tif"),
			read);
	}

	@Test
	void tinyImageIsOneClearError() {
		String f = dir.resolve("tiny.tif").toString();
		IJ.saveAsTiff(new ImagePlus("tiny", new ByteProcessor(1, 1)), f);
		assertEquals(1, run("classify", "--checkpoint", CKPT, "--arch", "resnet18", f));
		assertEquals(1, err.lines().filter(l -> l.startsWith("csra: error:")).count(), err);
		assertTrue(err.contains("1 x 1") || err.contains("1x1"), err);
	}

	@Test
	void allNanImageIsOneClearError() {
		FloatProcessor fp = new FloatProcessor(64, 64);
		for (int i = 0; i < 64 * 64; i++) {
			fp.setf(i, Float.NaN);
		}
		String f = dir.resolve("nan.tif").toString();
		IJ.saveAsTiff(new ImagePlus("nan", fp), f);
		assertEquals(1, run("classify", "--checkpoint", CKPT, "--arch", "resnet18", "--size", "96",
			f));
		assertTrue(err.contains("csra: error:") && err.toLowerCase().contains("nan"), err);
	}

	@Test
	void errorsAreOneLineWithNonZeroStatus() {
		// exit 1 for input that cannot be used, 2 for a command line that cannot run (CliContractTest)
		String a = rgbImage("a.tif", 64, 64);
		assertEquals(1, run("classify", "--checkpoint", "missing.pth", a));
		assertTrue(err.contains("missing.pth"), err);
		assertEquals(1, run("classify", "--checkpoint", CKPT, "--arch", "vgg16", a));
		assertTrue(err.contains("vgg16"), err);
		assertEquals(1, run("classify", "--checkpoint", CKPT, "--arch", "resnet18", "--classes",
			"voc2007", a));
		assertTrue(err.contains("5 classes") && err.contains("20"), err);
		assertEquals(1, run("classify", "--checkpoint", CKPT, "--arch", "resnet18", "--heads",
			"4", a));
		assertTrue(err.contains("1 CSRA head"), err);
		assertEquals(2, run("classify", "--checkpoint", CKPT, "--bogus", a)); // usage
		assertTrue(err.contains("--bogus"), err);
		assertEquals(1, run("classify", "--checkpoint", CKPT, dir.resolve("nope.png").toString()));
		assertEquals(1, run("classify", "--checkpoint", CKPT, "--device", "tpu", a));
		assertTrue(err.contains("tpu"), err);
		assertEquals(2, run("frobnicate"));
	}
}
