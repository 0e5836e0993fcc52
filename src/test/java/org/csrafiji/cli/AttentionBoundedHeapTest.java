package org.csrafiji.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.process.ByteProcessor;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code attention} on a large image in a JVM whose heap has the proportion of Java's default
 * on a 16 GB machine (4 GiB) to a 20000 x 20000 8-bit image (400 MB): 10.2 bytes per pixel.
 * The scaled case is an 8000 x 8000 image in a forked JVM with -Xmx640m. Before the maps
 * and panels were bounded this ran out of memory (two full-size float maps alone are 512 MB,
 * the montage canvas of three 8000 x 8000 RGB panels 768 MB).
 */
class AttentionBoundedHeapTest {

	private static final int SIDE = 8000;

	@TempDir
	Path dir;

	@Test
	void attentionOnALargeImageRunsInAProportionalHeap() throws Exception {
		ByteProcessor bp = new ByteProcessor(SIDE, SIDE);
		byte[] px = (byte[]) bp.getPixels();
		for (int y = 0; y < SIDE; y++) {
			for (int x = 0; x < SIDE; x++) {
				int dx = x - SIDE / 3, dy = y - SIDE / 2;
				px[y * SIDE + x] = (byte) (dx * dx + dy * dy < 2_000_000 ? 230 : 20);
			}
		}
		Path image = dir.resolve("large.tif");
		assertTrue(IJ.saveAsTiff(new ImagePlus("large", bp), image.toString()));
		bp = null;
		px = null;
		Path out = dir.resolve("out");
		Path java = Path.of(System.getProperty("java.home"), "bin", "java");
		ProcessBuilder pb = new ProcessBuilder(List.of(java.toString(), "-Xmx640m",
			"-Djava.awt.headless=true", "-Dai.djl.offline=true", "-cp", System.getProperty(
				"java.class.path"),
			Main.class.getName(), "attention", "--model",
			"models/demo/demo.json", "--device", "cpu", "--show", "circle,square", "--out", out
				.toString(),
			image.toString())).redirectErrorStream(true);
		pb.environment().put("DJL_OFFLINE", "true");
		Process p = pb.start();
		String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertTrue(p.waitFor(5, TimeUnit.MINUTES), log);
		assertEquals(0, p.exitValue(), log);
		ImagePlus montage = IJ.openImage(out.resolve("large.attention.png").toString());
		// three panels of at most 2048 x 2048 (AttentionMontage.MAX_SIDE) and two gaps
		assertEquals(2048, montage.getHeight());
		assertEquals(3 * 2048 + 2 * 4, montage.getWidth());
	}
}
