package org.csrafiji.app.download;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.csrafiji.core.ModelSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Downloads from a real HTTP server on 127.0.0.1 into a spec's checkpoint path: the file
 * arrives whole and identical, a dropped connection is resumed with a Range request, a cancel
 * keeps the bytes for a later resume, and a file with the wrong checksum, a body that is no
 * checkpoint, a checkpoint of another network or a web page is refused with nothing left in
 * place. The checkpoint check is the real one (the real engine loads the file into the spec's
 * network).
 */
class WeightsDownloadTest {

	private static final String BINARY = "application/octet-stream";

	@TempDir
	Path dir;

	private final WeightsDownload download = new WeightsDownload();

	@Test
	void fetchesChecksAndMovesTheFileIntoPlace() throws Exception {
		byte[] body = DownloadFixtures.oneHead();
		try (WeightsServer server = new WeightsServer(body, BINARY, -1)) {
			ModelSpec spec = DownloadFixtures.spec(dir, server.uri().toString(),
				DownloadFixtures.sha256(body));
			AtomicLong last = new AtomicLong(-1);
			DownloadResult r = download.fetch(spec, (done, total) -> {
				assertEquals(body.length, total);
				assertTrue(done >= last.get(), "progress never goes back");
				last.set(done);
			}, () -> false);
			Path target = dir.resolve("weights/r18.pth");
			assertEquals(target, r.file());
			assertArrayEquals(body, Files.readAllBytes(target));
			assertEquals(body.length, last.get());
			assertEquals(DownloadFixtures.sha256(body), r.sha256());
			assertFalse(r.resumed());
			assertFalse(Files.exists(WeightsDownload.partFile(target)));
			assertEquals(List.of(""), server.ranges());
		}
	}

	@Test
	void aConnectionDroppedHalfWayIsResumedWithARangeRequest() throws Exception {
		byte[] body = DownloadFixtures.oneHead();
		int half = body.length / 2;
		try (WeightsServer server = new WeightsServer(body, BINARY, half)) {
			ModelSpec spec = DownloadFixtures.spec(dir, server.uri().toString(), null);
			DownloadResult r = download.fetch(spec, DownloadListener.NONE, () -> false);
			assertTrue(r.resumed());
			assertArrayEquals(body, Files.readAllBytes(r.file()));
			assertEquals(2, server.ranges().size(), server.ranges().toString());
			assertEquals("", server.ranges().get(0));
			assertEquals("bytes=" + half + "-", server.ranges().get(1));
		}
	}

	@Test
	void aCancelKeepsThePartAndALaterCallResumesFromIt() throws Exception {
		byte[] body = DownloadFixtures.oneHead();
		try (WeightsServer server = new WeightsServer(body, BINARY, -1)) {
			ModelSpec spec = DownloadFixtures.spec(dir, server.uri().toString(), null);
			AtomicLong seen = new AtomicLong();
			DownloadCancelledException e = assertThrows(DownloadCancelledException.class,
				() -> download.fetch(spec, (done, total) -> seen.set(done), () -> seen.get() > 0));
			assertTrue(e.getMessage().contains("resumes"), e.getMessage());
			Path target = dir.resolve("weights/r18.pth");
			Path part = WeightsDownload.partFile(target);
			assertFalse(Files.exists(target));
			long kept = Files.size(part);
			assertTrue(kept > 0 && kept < body.length, "kept " + kept);

			DownloadResult r = download.fetch(spec, DownloadListener.NONE, () -> false);
			assertTrue(r.resumed());
			assertArrayEquals(body, Files.readAllBytes(target));
			assertEquals("bytes=" + kept + "-", server.ranges().get(1));
			assertFalse(Files.exists(part));
		}
	}

	@Test
	void aWrongChecksumIsRefusedAndNothingIsLeft() throws Exception {
		byte[] body = DownloadFixtures.oneHead();
		try (WeightsServer server = new WeightsServer(body, BINARY, -1)) {
			ModelSpec spec = DownloadFixtures.spec(dir, server.uri().toString(),
				"0123456789abcdef");
			DownloadException e = assertThrows(DownloadException.class, () -> download.fetch(spec,
				DownloadListener.NONE, () -> false));
			assertTrue(e.getMessage().contains("SHA-256 " + DownloadFixtures.sha256(body)), e
				.getMessage());
			assertTrue(e.getMessage().contains("nothing was installed"), e.getMessage());
			assertNothingLeft();
		}
	}

	@Test
	void aBodyThatIsNoCheckpointIsRefused() throws Exception {
		byte[] noise = new byte[50_000];
		new Random(3).nextBytes(noise);
		String m = refused(noise, BINARY, "/weights.pth");
		assertTrue(m.contains("is not a checkpoint of that model"), m);
		assertTrue(m.contains("neither a PyTorch checkpoint"), m);
	}

	@Test
	void aCheckpointOfAnotherNetworkIsRefused() throws Exception {
		String m = refused(DownloadFixtures.fourHeads(), BINARY, "/weights.pth");
		assertTrue(m.contains("4 CSRA head(s) but the model asks for 1"), m);
	}

	@Test
	void aWebPageIsRefusedAsNeedingABrowser() throws Exception {
		byte[] page = "<html><body>Virus scan warning</body></html>".getBytes();
		String m = refused(page, "text/html; charset=utf-8", "/weights.pth");
		assertTrue(m.contains("needs a browser"), m);
		assertTrue(m.contains(dir.resolve("weights/r18.pth").toString()), m);
	}

	@Test
	void aServerErrorIsReportedWithItsCode() throws Exception {
		String m = refused(new byte[1], BINARY, "/missing.pth");
		assertTrue(m.contains("answered 404"), m);
	}

	@Test
	void aServerThatIsGoneIsReportedAsUnreachable() throws Exception {
		WeightsServer gone = new WeightsServer(new byte[1], BINARY, -1);
		gone.close();
		ModelSpec spec = DownloadFixtures.spec(dir, gone.uri().toString(), null);
		DownloadException e = assertThrows(DownloadException.class, () -> download.fetch(spec,
			DownloadListener.NONE, () -> false));
		assertTrue(e.getMessage().startsWith("Cannot reach 127.0.0.1"), e.getMessage());
		assertTrue(e.getMessage().contains("Check the network connection"), e.getMessage());
		assertNothingLeft();
	}

	/** Serves a body, downloads it for the fixture spec, and returns why it was refused. */
	private String refused(byte[] body, String type, String path) throws Exception {
		try (WeightsServer server = new WeightsServer(body, type, -1)) {
			ModelSpec spec = DownloadFixtures.spec(dir, server.uri(path).toString(), null);
			DownloadException e = assertThrows(DownloadException.class, () -> download.fetch(spec,
				DownloadListener.NONE, () -> false));
			assertNothingLeft();
			return e.getMessage();
		}
	}

	@Test
	void aSecondDownloadOfTheSameFileIsRefusedWhileTheFirstHoldsIt() throws Exception {
		try (WeightsServer server = new WeightsServer(DownloadFixtures.oneHead(), BINARY, -1)) {
			ModelSpec spec = DownloadFixtures.spec(dir, server.uri().toString(), null);
			Path part = WeightsDownload.partFile(dir.resolve("weights/r18.pth"));
			Files.createDirectories(part.getParent());
			try (FileChannel c = FileChannel.open(part, StandardOpenOption.CREATE,
				StandardOpenOption.WRITE);
				FileLock held = c.lock(WeightsDownload.LOCK_POSITION, 1,
					false))
			{
				DownloadException e = assertThrows(DownloadException.class,
					() -> download.fetch(spec,
						DownloadListener.NONE, () -> false));
				assertTrue(e.getMessage().contains("Another download"), e.getMessage());
				assertTrue(Files.exists(part), "the other download's file is left alone");
			}
			assertTrue(server.ranges().isEmpty(), "no request was made");
		}
	}

	@Test
	void installedWeightsAreNotFetchedAgain() throws Exception {
		try (WeightsServer server = new WeightsServer(DownloadFixtures.oneHead(), BINARY, -1)) {
			ModelSpec spec = DownloadFixtures.spec(dir, server.uri().toString(), null);
			Files.createDirectories(dir.resolve("weights"));
			Files.write(dir.resolve("weights/r18.pth"), DownloadFixtures.oneHead());
			assertTrue(download.fetch(spec, DownloadListener.NONE, () -> false).alreadyInstalled());
			assertTrue(server.ranges().isEmpty());
		}
	}

	private void assertNothingLeft() throws Exception {
		Path target = dir.resolve("weights/r18.pth");
		assertFalse(Files.exists(target), "nothing in place");
		assertFalse(Files.exists(WeightsDownload.partFile(target)), "no .part left");
	}
}
