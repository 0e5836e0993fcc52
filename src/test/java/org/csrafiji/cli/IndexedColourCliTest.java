package org.csrafiji.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonParser;

import ij.IJ;
import ij.ImagePlus;
import ij.process.ImageProcessor;
import ij.process.LUT;
import ij.process.MedianCut;

import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Path;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Indexed-colour files (paletted PNG and GIF) are classified from their colours: the demo
 * model gives them exactly the labels and scores of an RGB file with the same colours. A
 * CMYK JPEG is one clear error.
 */
class IndexedColourCliTest {

	private static final String DEMO = "models/demo/demo.json";
	private static final String SAMPLE = "models/demo/samples/scene_00001.png";

	@TempDir
	Path dir;

	@Test
	void palettedPngAndGifScoreAsTheirRgbCopy() throws IOException {
		// The sample reduced to 256 colours by ImageJ's median cut: palette indices + LUT.
		ImagePlus rgb = IJ.openImage(SAMPLE);
		ImageProcessor indexed = new MedianCut(rgb.getProcessor().convertToColorProcessor())
			.convertToByte(256);
		byte[] idx = (byte[]) indexed.getPixels();
		LUT lut = indexed.getLut();
		byte[] r = new byte[256], g = new byte[256], b = new byte[256];
		lut.getReds(r);
		lut.getGreens(g);
		lut.getBlues(b);
		int w = indexed.getWidth(), h = indexed.getHeight();
		// The RGB copy, looked up here by hand from the palette.
		BufferedImage copy = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
		for (int i = 0; i < idx.length; i++) {
			int k = idx[i] & 0xff;
			copy.setRGB(i % w, i / w, (r[k] & 0xff) << 16 | (g[k] & 0xff) << 8 | b[k] & 0xff);
		}
		IndexColorModel cm = new IndexColorModel(8, 256, r, g, b);
		WritableRaster raster = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, w, h, 1,
			null);
		raster.setDataElements(0, 0, w, h, idx);
		BufferedImage paletted = new BufferedImage(cm, raster, false, null);
		Path rgbFile = dir.resolve("copy.png");
		Path png = dir.resolve("paletted.png");
		Path gif = dir.resolve("paletted.gif");
		assertTrue(ImageIO.write(copy, "png", rgbFile.toFile()));
		assertTrue(ImageIO.write(paletted, "png", png.toFile()));
		assertTrue(ImageIO.write(paletted, "gif", gif.toFile()));
		for (Path f : new Path[]{png, gif}) {
			ImagePlus imp = IJ.openImage(f.toString());
			assertTrue(imp.getBitDepth() == 8 && imp.getProcessor().isColorLut(), "ImageJ opens "
				+ f.getFileName() + " as palette indices with a colour LUT");
		}

		EvaluateRun run = EvaluateRun.of("classify", "--model", DEMO, "--device", "cpu", "--json",
			rgbFile.toString(), png.toString(), gif.toString());
		assertEquals(0, run.code(), run.err());
		JsonArray results = JsonParser.parseString(run.out()).getAsJsonArray();
		JsonArray labels = results.get(0).getAsJsonObject().getAsJsonArray("labels");
		com.google.gson.JsonObject scores = results.get(0).getAsJsonObject()
			.getAsJsonObject("scores");
		// scene_00001 holds a circle, a cross and a ring (samples/labels.csv).
		java.util.List<String> names = new java.util.ArrayList<>();
		labels.forEach(l -> names.add(l.getAsString()));
		names.sort(null);
		assertEquals(java.util.List.of("circle", "cross", "ring"), names);
		for (int i = 1; i < 3; i++) {
			// Same colours -> same 8-bit resize -> bit-identical input: scores equal exactly.
			assertEquals(labels, results.get(i).getAsJsonObject().getAsJsonArray("labels"));
			assertEquals(scores, results.get(i).getAsJsonObject().getAsJsonObject("scores"));
		}
	}

	@Test
	void cmykJpegIsOneClearErrorWithoutAStackTrace() throws IOException {
		// A 4-component JPEG as Java's encoder writes it from a 4-band raster.
		WritableRaster raster = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, 40, 30, 4,
			null);
		for (int y = 0; y < 30; y++) {
			for (int x = 0; x < 40; x++) {
				raster.setPixel(x, y, new int[]{10, 200, 100, 0});
			}
		}
		Path jpg = dir.resolve("cmyk.jpg");
		ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
		try (ImageOutputStream out = ImageIO.createImageOutputStream(jpg.toFile())) {
			writer.setOutput(out);
			writer.write(null, new IIOImage(raster, null, null), writer.getDefaultWriteParam());
		}
		finally {
			writer.dispose();
		}
		java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
		java.io.PrintStream stderr = System.err;
		EvaluateRun run;
		System.setErr(new java.io.PrintStream(captured, true));
		try {
			run = EvaluateRun.of("classify", "--model", DEMO, "--device", "cpu", jpg.toString());
		}
		finally {
			System.setErr(stderr);
		}
		assertEquals(1, run.code());
		assertTrue(run.err().contains("CMYK JPEG") && run.err().contains(jpg.toString()), run
			.err());
		assertFalse(captured.toString().contains("Exception"), "no stack trace: " + captured);
	}
}
