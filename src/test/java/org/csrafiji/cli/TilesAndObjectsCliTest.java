package org.csrafiji.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.gui.Roi;
import ij.io.RoiEncoder;
import ij.process.ShortProcessor;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.csrafiji.app.slide.SlideRoisAccess;
import org.csrafiji.train.synthetic.SceneGenerator;
import org.csrafiji.train.synthetic.SlideObject;
import org.csrafiji.train.synthetic.SyntheticSlide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tiles and objects commands end to end on a small synthetic slide with the demo model. */
class TilesAndObjectsCliTest {

	@Test
	void tilesWritesTheTableAndCalibratedMaps(@TempDir Path dir) throws Exception {
		Path image = slide(dir, 2).resolve("slide.tif");
		String[] io = run("tiles", "--model", "models/demo/demo.json", "--overlap", "64",
			"--map-step", "32", "--out", dir.resolve("out").toString(), image.toString());
		assertEquals("0", io[2], io[1]);
		List<String> csv = Files.readAllLines(dir.resolve("out/slide.tiles.csv"));
		assertEquals("x,y,w,h,labels,circle,square,triangle,cross,ring", csv.get(0));
		assertEquals(1 + 9, csv.size());
		ImagePlus scores = IJ.openImage(dir.resolve("out/slide.tile-scores.tif").toString());
		assertEquals(3, scores.getWidth());
		assertEquals(5, scores.getStackSize());
		// one pixel spans the tile stride, 256 - 64 = 192 image pixels; TIFF keeps the
		// resolution as a rational 1 / 192 rounded to 6 decimals, read back as 192.012
		assertEquals(192, scores.getCalibration().pixelWidth, 0.02);
		ImagePlus map = IJ.openImage(dir.resolve("out/slide.tile-map.tif").toString());
		assertEquals(16, map.getWidth());
	}

	@Test
	void objectsFromARoiSetAndFromALabelImageGiveOneRowEach(@TempDir Path dir) throws Exception {
		Path folder = slide(dir, 2);
		String[] io = run("objects", "--model", "models/demo/demo.json", "--rois", folder.resolve(
			"rois.zip").toString(), "--out", dir.resolve("rois.csv").toString(), folder
				.resolve(
					"slide.tif")
				.toString());
		assertEquals("0", io[2], io[1]);
		List<String> rows = Files.readAllLines(dir.resolve("rois.csv"));
		long objects = Files.readAllLines(folder.resolve("kinds.txt")).size();
		assertEquals(1 + objects, rows.size());
		io = run("objects", "--model", "models/demo/demo.json", "--labels", folder.resolve(
			"labels.tif").toString(), "--out", dir.resolve("labels.csv").toString(), folder
				.resolve(
					"slide.tif")
				.toString());
		assertEquals("0", io[2], io[1]);
		assertEquals(1 + objects, Files.readAllLines(dir.resolve("labels.csv")).size());
		io = run("objects", "--model", "models/demo/demo.json", "--out", dir.resolve("x.csv")
			.toString(), folder.resolve("slide.tif").toString());
		assertEquals("2", io[2], "a usage error");
		assertTrue(io[1].contains("either --rois"), io[1]);
	}

	private static Path slide(Path dir, int scenes) throws Exception {
		SyntheticSlide s = SyntheticSlide.of(new SceneGenerator(256, 5), scenes, scenes);
		IJ.saveAsTiff(s.image(), dir.resolve("slide.tif").toString());
		ShortProcessor labels = new ShortProcessor(s.image().getWidth(), s.image().getHeight());
		StringBuilder kinds = new StringBuilder();
		try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(dir.resolve(
			"rois.zip"))))
		{
			for (int i = 0; i < s.objects().size(); i++) {
				SlideObject o = s.objects().get(i);
				Roi roi = SlideRoisAccess.of(o, "object-" + (i + 1));
				zip.putNextEntry(new ZipEntry(roi.getName() + ".roi"));
				zip.write(RoiEncoder.saveAsByteArray(roi));
				zip.closeEntry();
				boolean[] m = o.mask();
				for (int k = 0; k < m.length; k++) {
					if (m[k]) {
						labels.set(o.bounds().x + k % o.bounds().width,
							o.bounds().y + k / o.bounds().width,
							i + 1);
					}
				}
				kinds.append(o.kind().label()).append('\n');
			}
		}
		IJ.saveAsTiff(new ImagePlus("labels", labels), dir.resolve("labels.tif").toString());
		Files.writeString(dir.resolve("kinds.txt"), kinds);
		return dir;
	}

	private static String[] run(String... args) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int status = Main.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
			new PrintStream(err, true, StandardCharsets.UTF_8));
		return new String[]{out.toString(StandardCharsets.UTF_8), err.toString(
			StandardCharsets.UTF_8), String.valueOf(status)};
	}

}
