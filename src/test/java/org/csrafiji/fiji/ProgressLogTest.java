package org.csrafiji.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Headless progress lines: how often, and the rate and time left they state. */
class ProgressLogTest {

	private long now;

	@Test
	void aLineAtTheStartEveryTenSecondsAndAtTheEnd() {
		List<String> lines = new ArrayList<>();
		ProgressLog log = new ProgressLog(lines::add, () -> now);
		for (int done = 0; done < 100; done++) {
			now = done * 500_000_000L; // one file every half second
			log.progress(done, 100, "CSRA batch: file f" + done + ".tif");
		}
		now = 100 * 500_000_000L;
		log.progress(100, 100, "CSRA batch: 100 classified");
		assertEquals(List.of("CSRA batch: file f0.tif (0/100)",
			"CSRA batch: file f20.tif (20/100, 2.0/s, about 40 s left)",
			"CSRA batch: file f40.tif (40/100, 2.0/s, about 30 s left)",
			"CSRA batch: file f60.tif (60/100, 2.0/s, about 20 s left)",
			"CSRA batch: file f80.tif (80/100, 2.0/s, about 10 s left)",
			"CSRA batch: 100 classified (100/100, 2.0/s)"), lines);
	}

	@Test
	void aResumedRunCountsOnlyItsOwnFilesAndSlowRunsSaySecondsEach() {
		List<String> lines = new ArrayList<>();
		ProgressLog log = new ProgressLog(lines::add, () -> now);
		now = 0;
		log.progress(900, 1000, "f900"); // 900 files were done by an earlier run
		now = 40_000_000_000L; // 10 more files in 40 s
		log.progress(910, 1000, "f910");
		assertEquals(
			List.of("f900 (900/1000)", "f910 (910/1000, 4.0 s each, about 6 min 0 s left)"),
			lines);
	}

	@Test
	void aSingleStepLogsNothing() {
		List<String> lines = new ArrayList<>();
		ProgressLog log = new ProgressLog(lines::add, () -> now);
		log.progress(0, 1, "one image");
		log.progress(1, 1, "done");
		assertEquals(List.of(), lines);
	}
}
