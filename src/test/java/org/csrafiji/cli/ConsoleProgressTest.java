package org.csrafiji.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

import org.csrafiji.app.DatasetProgress;
import org.junit.jupiter.api.Test;

/** A dataset run's {@link DatasetProgress} rendered by {@link ConsoleProgress}, on a clock the test moves. */
class ConsoleProgressTest {

	private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
	private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
	private final AtomicLong now = new AtomicLong();

	private String printed() {
		return bytes.toString(StandardCharsets.UTF_8);
	}

	/** Reports a run over {@code total} images, {@code resumed} of them done before. */
	private String runAtOneImageEvery(boolean terminal, int total, int resumed, long nanos) {
		DatasetProgress p = DatasetProgress.to(
			new ConsoleProgress(out, "evaluate", terminal, now::get),
			"images");
		p.start(total, resumed);
		for (int i = resumed; i < total; i++) {
			now.addAndGet(nanos);
			p.advance(1);
		}
		p.finish();
		return printed();
	}

	@Test
	void textGivesCountRateAndEstimate() {
		ConsoleProgress console = new ConsoleProgress(out, "evaluate", false, now::get);
		DatasetProgress p = DatasetProgress.to(console, "images");
		p.start(4952, 0);
		now.set(38_709_677_419L); // 120 images at 3.1 img/s
		p.advance(120);
		assertEquals("evaluate: 120/4952 images, 3.1/s, eta 26 min", console.text(now.get()));
	}

	@Test
	void durationsAreRoundedForPeople() {
		assertEquals("1 s", ConsoleProgress.duration(0.2));
		assertEquals("42 s", ConsoleProgress.duration(42.4));
		assertEquals("25 min", ConsoleProgress.duration(25 * 60 + 10));
		assertEquals("3.2 h", ConsoleProgress.duration(3.2 * 3600));
	}

	@Test
	void aBarIsRedrawnAtMostFourTimesASecondAndEndsWithALineBreak() {
		String s = runAtOneImageEvery(true, 100, 0, 50_000_000L); // 20 img/s
		long redraws = s.chars().filter(c -> c == '\r').count();
		// 5 s of work: one timed redraw per quarter second, then the final one
		assertEquals(5 * 4 + 1, redraws);
		assertTrue(s.endsWith("evaluate: 100/100 images, 20.0/s" + System.lineSeparator()), s);
	}

	@Test
	void withoutATerminalItPrintsALinePerTenthCountingOnlyThisRunsImagesInTheRate() {
		String[] lines = runAtOneImageEvery(false, 100, 40, 100_000_000L).split("\\R"); // 10 img/s
		assertEquals("evaluate: 40 of 100 images already scored, going on with the other 60",
			lines[0]);
		assertEquals(1 + 6, lines.length, printed());
		assertEquals("evaluate: 50/100 images, 10.0/s, eta 5 s", lines[1]);
		assertEquals("evaluate: 100/100 images, 10.0/s", lines[6]);
		assertTrue(!printed().contains("\r"));
	}
}
