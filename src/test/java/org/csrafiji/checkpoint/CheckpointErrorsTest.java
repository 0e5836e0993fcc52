package org.csrafiji.checkpoint;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.csrafiji.core.CheckpointException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every way a checkpoint file can be wrong gives one error that says what and what to do. */
class CheckpointErrorsTest {

	/** The file the malicious fixtures' payloads would create if anything executed them. */
	private static final Path MARKER = Path.of("/tmp/csra-pwned-marker");

	@TempDir
	Path dir;

	@BeforeEach
	void noMarkerYet() throws IOException {
		Files.deleteIfExists(MARKER);
	}

	@Test
	void rejectsPickleThatNamesOsSystemAndExecutesNothing() {
		String message = failure(Fixtures.path("evil-os-system.pth"));
		// os.system pickles as posix.system on Linux (nt.system on Windows)
		assertContains(message, "global 'posix.system'");
		assertContains(message, "refusing to load it");
		assertContains(message, "evil-os-system.pth");
		assertFalse(Files.exists(MARKER), "the payload must not run");
	}

	@Test
	void rejectsPickleThatNamesBuiltinsEvalAndExecutesNothing() {
		String message = failure(Fixtures.path("evil-eval.pth"));
		assertContains(message, "global 'builtins.eval'");
		assertFalse(Files.exists(MARKER), "the payload must not run");
	}

	@Test
	void rejectsLegacyNonZipTorchSaveWithHowToResave() {
		String message = failure(Fixtures.path("legacy.pth"));
		assertContains(message, "legacy torch.save format");
		assertContains(message, "Re-save it with a PyTorch >= 1.6 default torch.save");
	}

	@Test
	void rejectsTorchScriptArchiveAsNotAStateDict() {
		assertContains(failure(Fixtures.path("torchscript.pt")), "TorchScript");
	}

	@Test
	void rejectsTruncatedFile() throws IOException {
		byte[] whole = Files.readAllBytes(Fixtures.path("official.pth"));
		for (int length : new int[]{10, whole.length / 2, whole.length - 30}) {
			Path cut = write("cut.pth", Arrays.copyOf(whole, length));
			assertContains(failure(cut), "truncated");
		}
	}

	@Test
	void rejectsStorageWhoseBytesChanged() throws IOException {
		byte[] bytes = Files.readAllBytes(Fixtures.path("official.pth"));
		byte[] name = "official/data/0".getBytes(StandardCharsets.US_ASCII);
		int header = indexOf(bytes, name) - 30; // the first occurrence is the local header's
		int extra = (bytes[header + 28] & 0xff) | (bytes[header + 29] & 0xff) << 8;
		int data = header + 30 + name.length + extra;
		bytes[data + 3] ^= 0x10;
		assertContains(failure(write("flipped.pth", bytes)), "fails its checksum");
	}

	@Test
	void rejectsFileThatIsNotAZipNorSafetensors() throws IOException {
		String message = failure(
			write("notes.pth", "just some text\n".getBytes(StandardCharsets.UTF_8)));
		assertContains(message, "neither a PyTorch checkpoint");
		assertContains(failure(write("empty.pth", new byte[0])), "it is empty");
	}

	@Test
	void rejectsZipWithoutDataPkl() throws IOException {
		Path zip = dir.resolve("weights.pth");
		try (OutputStream out = Files.newOutputStream(zip);
			ZipOutputStream z = new ZipOutputStream(out))
		{
			z.putNextEntry(new ZipEntry("weights/readme.txt"));
			z.write("not a checkpoint".getBytes(StandardCharsets.UTF_8));
			z.closeEntry();
		}
		String message = failure(zip);
		assertContains(message, "without data.pkl");
		assertContains(message, "weights/readme.txt");
	}

	@Test
	void rejectsHostileCyclicPickleWithoutCrashing() throws IOException {
		// {L: 1} where L is a list that contains itself: hashing L never ends
		byte[] pickle = {(byte) 0x80, 2, '}', ']', 'q', 0, 'h', 0, 'a', 'K', 1, 's', '.'};
		Path zip = dir.resolve("cycle.pth");
		try (OutputStream out = Files.newOutputStream(zip);
			ZipOutputStream z = new ZipOutputStream(out))
		{
			z.putNextEntry(new ZipEntry("cycle/data.pkl"));
			z.write(pickle);
			z.closeEntry();
		}
		assertContains(failure(zip), "uses a list as a dict key");
	}

	@Test
	void rejectsPlainPickle() throws IOException {
		byte[] pickle = {(byte) 0x80, 2, '}', '.'};
		assertContains(failure(write("dict.pkl", pickle)), "plain Python pickle");
	}

	@Test
	void reportsMissingFileAndFolder() {
		assertContains(failure(dir.resolve("absent.pth")), "does not exist");
		assertContains(failure(dir), "is a folder");
	}

	@Test
	void rejectsSafetensorsWithInconsistentHeader() throws IOException {
		String header = "{\"w\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[0,12]}}";
		byte[] json = header.getBytes(StandardCharsets.UTF_8);
		byte[] file = new byte[8 + json.length + 12];
		file[0] = (byte) json.length;
		System.arraycopy(json, 0, file, 8, json.length);
		String message = failure(write("bad.safetensors", file));
		assertContains(message, "tensor 'w' spans bytes 0 to 12");
		String unknownType = header.replace("F32", "F8_E4M3").replace("12]", "4]");
		byte[] json2 = unknownType.getBytes(StandardCharsets.UTF_8);
		byte[] file2 = new byte[8 + json2.length + 4];
		file2[0] = (byte) json2.length;
		System.arraycopy(json2, 0, file2, 8, json2.length);
		assertContains(failure(write("f8.safetensors", file2)), "has dtype F8_E4M3");
	}

	@Test
	void missingKeyErrorNamesKeyFileAndNearestNames() {
		StateDict sd = Checkpoints.read(Fixtures.path("official.pth"));
		CheckpointException e = assertThrows(CheckpointException.class,
			() -> sd.get("layer1.0.conv9.weight"));
		assertContains(e.getMessage(), "'layer1.0.conv9.weight'");
		assertContains(e.getMessage(), "official.pth");
		assertContains(e.getMessage(), "'layer1.0.conv1.weight'");
	}

	@Test
	void shapeMismatchNamesKeyAndBothShapes() {
		StateDict sd = Checkpoints.read(Fixtures.path("official.pth"));
		CheckpointException e = assertThrows(CheckpointException.class,
			() -> sd.get("classifier.multi_head.0.head.weight", 20, 8, 1, 1));
		assertContains(e.getMessage(), "'classifier.multi_head.0.head.weight'");
		assertContains(e.getMessage(), "(5, 8, 1, 1)");
		assertContains(e.getMessage(), "(20, 8, 1, 1)");
	}

	private Path write(String name, byte[] bytes) throws IOException {
		return Files.write(dir.resolve(name), bytes);
	}

	private static String failure(Path file) {
		return assertThrows(CheckpointException.class, () -> Checkpoints.read(file)).getMessage();
	}

	private static void assertContains(String message, String part) {
		assertTrue(message.contains(part), () -> "expected \"" + part + "\" in: " + message);
	}

	private static int indexOf(byte[] haystack, byte[] needle) {
		outer : for (int i = 0; i + needle.length <= haystack.length; i++) {
			for (int j = 0; j < needle.length; j++) {
				if (haystack[i + j] != needle[j]) continue outer;
			}
			return i;
		}
		throw new AssertionError("not found");
	}
}
