package org.csrafiji.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line in a new JVM with the environment a GPU user sets: PYTORCH_LIBRARY_PATH
 * pointing nowhere and PYTORCH_FLAVOR=cu128 (the engine's natives load once per JVM, so
 * each case needs its own). Classify still runs on the CPU, exits 0 and prints the one warning
 * that says why on standard error; {@code --device gpu} fails instead of falling back; a clean
 * environment prints no warning; a folder holding only a file named like libtorch stops the
 * engine with what is wrong.
 */
class GpuFallbackCliTest {

	private static final String SPEC = "models/demo/demo.json";
	private static final String IMAGE = "models/demo/samples/scene_00000.png";
	private static final String WARNING = "csra: warning: GPU requested (PYTORCH_FLAVOR=cu128)"
		+ " but the PyTorch engine runs on the CPU: PYTORCH_LIBRARY_PATH /nowhere does not exist,"
		+ " so DJL loaded the CPU natives CSRA ships (";

	@TempDir
	Path dir;

	private record Run(int status, String out, String err) {}

	@Test
	void aMissingLibraryPathRunsOnTheCpuWithOneWarning() throws Exception {
		Run r = classify(Map.of("PYTORCH_LIBRARY_PATH", "/nowhere", "PYTORCH_FLAVOR", "cu128"));
		assertEquals(0, r.status(), r.err());
		assertTrue(r.out().contains("triangle"), r.out());
		assertEquals(1, r.err().lines().filter(l -> l.startsWith(WARNING)).count(), r.err());
		assertTrue(r.err().contains("unset PYTORCH_LIBRARY_PATH and PYTORCH_FLAVOR."), r.err());
	}

	@Test
	void deviceGpuFailsInsteadOfFallingBack() throws Exception {
		Run r = classify(Map.of("PYTORCH_LIBRARY_PATH", "/nowhere", "PYTORCH_FLAVOR", "cu128"),
			"--device", "gpu");
		assertEquals(1, r.status(), r.err());
		assertTrue(r.err().contains("csra: error: GPU 0 was requested but the PyTorch engine sees 0"
			+ " GPU(s): PYTORCH_LIBRARY_PATH /nowhere does not exist"), r.err());
		assertTrue(r.out().isEmpty(), r.out());
	}

	@Test
	void aCleanEnvironmentPrintsNoWarning() throws Exception {
		Run r = classify(Map.of());
		assertEquals(0, r.status(), r.err());
		assertFalse(r.err().contains("warning"), r.err());
	}

	@Test
	void aFileNamedLikeLibtorchStopsTheEngineSayingWhatIsWrong() throws Exception {
		Files.createFile(dir.resolve(System.mapLibraryName("torch")));
		Run r = classify(Map.of("PYTORCH_LIBRARY_PATH", dir.toString(), "PYTORCH_FLAVOR", "cu128"));
		assertEquals(1, r.status(), r.err());
		assertTrue(r.err().contains("The PyTorch engine could not start"), r.err());
		assertTrue(r.err().contains("it is not a complete libtorch lib folder"), r.err());
	}

	private Run classify(Map<String, String> env, String... extra) throws Exception {
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"),
			"bin", "java").toString(), "-Xmx1g", "-Dai.djl.offline=true", "-cp", System.getProperty(
				"java.class.path"),
			Main.class.getName(), "classify", "--model", SPEC));
		command.addAll(List.of(extra));
		command.add(IMAGE);
		ProcessBuilder pb = new ProcessBuilder(command);
		pb.environment().remove("PYTORCH_LIBRARY_PATH");
		pb.environment().remove("PYTORCH_FLAVOR");
		pb.environment().remove("PYTORCH_VERSION");
		pb.environment().putAll(env);
		File out = dir.resolve("out.txt").toFile();
		File err = dir.resolve("err.txt").toFile();
		Process p = pb.redirectOutput(out).redirectError(err).start();
		if (!p.waitFor(120, TimeUnit.SECONDS)) {
			p.destroyForcibly();
			throw new AssertionError("classify did not finish in 120 s:\n" + Files.readString(err
				.toPath()));
		}
		return new Run(p.exitValue(), Files.readString(out.toPath()), Files.readString(err
			.toPath()));
	}
}
