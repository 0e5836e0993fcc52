package org.csrafiji.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import ij.IJ;
import ij.ImagePlus;
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
	void jsonHasOneEntryPerImageWithScoresAndLogitsInClassOrder() {
		String a = rgbImage("a.tif", 130, 90);
		String b = rgbImage("b.tif", 96, 96);
		assertEquals(0, run("classify", "--checkpoint", CKPT, "--arch", "resnet18", "--size", "96",
			"--threshold", "0.3", "--json", a, b), err);
		JsonArray arr = JsonParser.parseString(out).getAsJsonArray();
		assertEquals(2, arr.size());
		for (int i = 0; i < 2; i++) {
			JsonObject o = arr.get(i).getAsJsonObject();
			assertEquals(i == 0 ? a : b, o.get("image").getAsString());
			JsonArray scores = o.getAsJsonArray("scores");
			JsonArray logits = o.getAsJsonArray("logits");
			assertEquals(5, scores.size());
			List<String> expected = new ArrayList<>();
			for (int c = 0; c < 5; c++) {
				double l = logits.get(c).getAsDouble();
				double s = 1 / (1 + Math.exp(-l));
				// the score is sigmoid(logit) in float32 (a few roundings of u = 6e-8 relative,
				// value <= 1) and the printed logit is that same float: within 4 u < 1e-6
				assertEquals(s, scores.get(c).getAsDouble(), 1e-6);
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
		assertEquals(1, run("classify", "--checkpoint", CKPT, "--bogus", a));
		assertTrue(err.contains("--bogus"), err);
		assertEquals(1, run("classify", "--checkpoint", CKPT, dir.resolve("nope.png").toString()));
		assertEquals(1, run("classify", "--checkpoint", CKPT, "--device", "tpu", a));
		assertTrue(err.contains("tpu"), err);
		assertEquals(2, run("frobnicate"));
	}
}
