package org.csrafiji.checkpoint;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Prints how long reading a full-size checkpoint takes; runs only when asked, with
 * {@code -Dcsra.timing.checkpoint=FILE} (see make_checkpoint_fixtures.py --resnet101-sized).
 * No timed assertion: a number to read, not a test that fails on a slow machine.
 */
@EnabledIfSystemProperty(named = "csra.timing.checkpoint", matches = ".+")
class LargeCheckpointTiming {

	@Test
	void printsReadTime() {
		Path file = Path.of(System.getProperty("csra.timing.checkpoint"));
		for (int round = 1; round <= 5; round++) {
			long start = System.nanoTime();
			StateDict sd = Checkpoints.read(file);
			long read = System.nanoTime();
			long floats = 0;
			for (String key : sd.keys()) {
				TensorData t = sd.get(key);
				if (t.dtype() == DType.FLOAT32) floats += t.toFloat32Buffer().remaining() / 4;
			}
			long buffers = System.nanoTime();
			System.out.printf(
				"round %d: read %d tensors in %.0f ms, float32 buffers of %d floats in"
					+ " %.1f ms%n",
				round, sd.size(), (read - start) / 1e6, floats, (buffers - read) / 1e6);
			assertTrue(sd.size() > 0);
		}
	}
}
