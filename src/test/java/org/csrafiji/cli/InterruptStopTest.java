package org.csrafiji.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.csrafiji.train.CancelFlag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** The Ctrl-C hook: sets the flag, waits for the trainer (bounded), says what is left. */
class InterruptStopTest {

	@TempDir
	Path tmp;

	@Test
	void setsTheFlagAndWaitsForTheTrainerToFinish() throws Exception {
		CancelFlag flag = new CancelFlag();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		Thread hook = new Thread(new InterruptStop(flag, tmp, new PrintStream(err, true,
			StandardCharsets.UTF_8), 10_000));
		hook.start();
		while (!flag.getAsBoolean()) {
			Thread.onSpinWait();
		}
		assertTrue(hook.isAlive(), "the hook waits for the trainer");
		flag.finished();
		hook.join(5_000);
		String text = err.toString(StandardCharsets.UTF_8);
		assertTrue(text.contains("no epoch was completed"), text);
		assertTrue(!text.contains("did not stop in time"), text);
	}

	@Test
	void theWaitIsBounded() {
		CancelFlag flag = new CancelFlag();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		new InterruptStop(flag, tmp, new PrintStream(err, true, StandardCharsets.UTF_8), 50).run();
		assertTrue(flag.getAsBoolean());
		assertTrue(err.toString(StandardCharsets.UTF_8).contains("did not stop in time"));
	}
}
