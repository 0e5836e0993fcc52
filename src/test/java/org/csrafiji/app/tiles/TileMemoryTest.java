package org.csrafiji.app.tiles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * A 20000 x 20000 8-bit image (400 MB) tiles in a JVM limited to 640 MiB of heap: a float
 * copy of the image alone would need 1.6 GB, so the run can only pass by reading tiles on
 * demand. The sum of the heap pools' peaks (an upper bound of the peak heap in use) is
 * printed by the probe and must stay under the limit.
 */
class TileMemoryTest {

	private static final long HEAP = 640L << 20;

	@Test
	void aTwentyThousandPixelSquareTilesInABoundedHeap() throws Exception {
		Process p = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin",
			"java").toString(), "-Xmx" + (HEAP >> 20) + "m", "-Djava.awt.headless=true",
			"-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"),
			TileMemoryProbe.class.getName(), "0.1")).redirectErrorStream(true).start();
		String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertTrue(p.waitFor(300, TimeUnit.SECONDS), out);
		assertEquals(0, p.exitValue(), out);
		Matcher m = Pattern.compile("tiles (\\d+) complete true image (\\d+) peak (\\d+)").matcher(
			out);
		assertTrue(m.find(), out);
		// scale 0.1: tiles of 2560 px, ceil(20000 / 2560) = 8 across and down
		assertEquals(64, Integer.parseInt(m.group(1)));
		long peak = Long.parseLong(m.group(3));
		System.out
			.println("20000 x 20000 8-bit tiling: peak heap " + (peak >> 20) + " MiB, of which"
				+ " the image " + (Long.parseLong(m.group(2)) >> 20) + " MiB");
		assertTrue(peak < HEAP, out);
	}
}
