package org.csrafiji.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.csrafiji.app.download.DownloadFixtures;
import org.csrafiji.app.download.WeightsServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code download --model SPEC} against a real HTTP server on 127.0.0.1: the weights land at
 * the spec's checkpoint path with a progress bar on standard error, and classify then runs; a
 * spec whose weights are missing makes classify say how to download them; a page address is
 * refused as needing a browser; a download stopped like Ctrl-C stops it keeps its bytes and the
 * same command resumes.
 */
class DownloadCliTest {

	@TempDir
	Path dir;

	private String out;
	private String err;

	/** Runs the command line in this JVM (the helper is Main.run's, whatever the command). */
	private int run(String... args) {
		EvaluateRun r = EvaluateRun.of(args);
		out = r.out();
		err = r.err();
		return r.code();
	}

	@Test
	void classifySaysHowToDownloadThenDownloadInstallsTheWeights() throws Exception {
		byte[] body = DownloadFixtures.oneHead();
		try (WeightsServer server = new WeightsServer(body, "application/octet-stream", -1)) {
			DownloadFixtures.spec(dir, server.uri().toString(), DownloadFixtures.sha256(body));
			String spec = dir.resolve("r18.json").toString();
			String image = "models/demo/samples/scene_00000.png";

			assertEquals(1, run("classify", "--model", spec, image));
			assertTrue(
				err.contains("are not installed (no file at " + dir.resolve("weights/r18.pth")
					+ ")"),
				err);
			assertTrue(err.contains("Get them with java -jar csra.jar download --model " + spec),
				err);

			assertEquals(0, run("download", "--model", spec), err);
			Path file = dir.resolve("weights/r18.pth");
			assertEquals(file + "\t" + body.length, out.strip());
			assertTrue(err.contains("] 100% 0.2 of 0.2 MB"), err);
			assertTrue(err.contains("SHA-256 matches"), err);
			assertArrayEquals(body, Files.readAllBytes(file));

			assertEquals(0, run("classify", "--model", spec, image), err);
			assertEquals(0, run("download", "--model", spec), err);
			assertTrue(err.contains("already installed"), err);
		}
	}

	@Test
	void stoppingTheProcessKeepsTheBytesAndTheSameCommandResumes() throws Exception {
		byte[] body = DownloadFixtures.oneHead();
		try (WeightsServer server = new WeightsServer(body, "application/octet-stream", -1)
			.slow(100))
		{
			DownloadFixtures.spec(dir, server.uri().toString(), null);
			String spec = dir.resolve("r18.json").toString();
			Path part = dir.resolve("weights/r18.pth.part");
			File err = dir.resolve("err.txt").toFile();
			Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
				.toString(), "-cp", System.getProperty("java.class.path"), Main.class.getName(),
				"download", "--model", spec).redirectErrorStream(true).redirectOutput(err).start();
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
			while (!(Files.exists(part) && Files.size(part) > 0) && System.nanoTime() < deadline) {
				Thread.sleep(20);
			}
			p.destroy(); // SIGTERM: the JVM runs its shutdown hooks, as on Ctrl-C
			assertTrue(p.waitFor(60, TimeUnit.SECONDS));
			String log = Files.readString(err.toPath());
			assertTrue(log.contains("was cancelled after "), log);
			long kept = Files.size(part);
			assertTrue(kept > 0 && kept < body.length, "kept " + kept + "\n" + log);
			assertFalse(Files.exists(dir.resolve("weights/r18.pth")));

			server.slow(0);
			assertEquals(0, run("download", "--model", spec), this.err);
			assertTrue(this.err.contains("resumed from bytes kept earlier"), this.err);
			assertArrayEquals(body, Files.readAllBytes(dir.resolve("weights/r18.pth")));
			assertEquals("bytes=" + kept + "-", server.ranges().get(server.ranges().size() - 1));
		}
	}

	@Test
	void aPageAddressNeedsABrowser() throws Exception {
		DownloadFixtures.spec(dir, "https://github.com/Kevinz-code/CSRA#model-zoo", null);
		assertEquals(1, run("download", "--model", dir.resolve("r18.json").toString()));
		assertTrue(err.startsWith("csra: error: The weights of model 'fixture-r18-h1' are"
			+ " published at https://github.com/Kevinz-code/CSRA#model-zoo, which needs a browser"),
			err);
		assertEquals(2, run("download"));
	}

	@Test
	void theBarShowsPercentAndMegabytesAndRedrawsAtMostFiveTimesASecond() {
		assertEquals("csra: demo [===============               ]  50% 1.0 of 2.0 MB", ProgressBar
			.line("demo", 1 << 20, 2 << 20));
		assertEquals("csra: demo 1.5 MB", ProgressBar.line("demo", 3 << 19, -1));
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		AtomicLong now = new AtomicLong();
		ProgressBar bar = new ProgressBar(new PrintStream(bytes, true, StandardCharsets.UTF_8), "d",
			now::get);
		for (int i = 0; i <= 100; i++) {
			now.set(i * 10_000_000L); // 10 ms apart: one second in all
			bar.progress(i, 100);
		}
		long draws = bytes.toString(StandardCharsets.UTF_8).chars().filter(c -> c == '\r').count();
		assertEquals(6, draws, "at 0, 200, 400, 600, 800 ms and the last");
	}
}
