package org.csrafiji.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.csrafiji.eval.Dataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** The determinism floor on a tiny model: the same seed gives the same first losses on CPU. */
class DeterminismCheckTest {

	@TempDir
	Path tmp;

	@Test
	void theSameSeedGivesTheSameFirstLosses() throws Exception {
		Dataset data = TinyData.write(tmp.resolve("data"), 8, 32, 4);
		// 4 iterations: the end of the first epoch (2 batches) and two of the second.
		DeterminismCheck.Result r = DeterminismCheck.run(TinyData.options().toBuilder().epochs(3)
			.build(), data, 4);
		assertEquals(4, r.first().length);
		assertTrue(r.passes(), "max |diff| " + r.maxAbsDifference());
		assertTrue(r.first()[0] > 0, "a real loss");
	}
}
