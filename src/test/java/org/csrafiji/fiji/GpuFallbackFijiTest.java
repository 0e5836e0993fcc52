package org.csrafiji.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Fiji commands, run headless in a new JVM (natives load once per JVM) whose
 * PYTORCH_LIBRARY_PATH points nowhere with PYTORCH_FLAVOR=cu128: "CSRA Engine Info" names the
 * natives really loaded (the CPU build CSRA ships, from DJL's cache), not the path that was
 * asked for, and carries the warning; "CSRA Classify" logs the warning once and still
 * classifies; with device=gpu it is cancelled with the reason instead of running on the CPU.
 */
class GpuFallbackFijiTest {

	private static final String WARNING = "GPU requested (PYTORCH_FLAVOR=cu128) but the PyTorch"
		+ " engine runs on the CPU: PYTORCH_LIBRARY_PATH /nowhere does not exist";

	@TempDir
	Path dir;

	@Test
	void engineInfoNamesTheNativesLoadedAndWarns() throws Exception {
		String out = fork("CSRA Engine Info");
		List<String> from = out.lines().filter(l -> l.strip().startsWith("natives from")).toList();
		assertTrue(!from.isEmpty() && from.stream().allMatch(l -> l.contains("DJL cache") && !l
			.contains("/nowhere")), out);
		assertTrue(out.contains("warning: " + WARNING), out);
	}

	@Test
	void classifyWarnsOnceInTheLogAndDeviceGpuIsRefused() throws Exception {
		List<String> classify = List.of("CSRA Classify", "image="
			+ "models/demo/samples/scene_00000.png", "model=demo", "threshold=0.5",
			"scaling=display range", "all_slices=false", "use_selection=false");
		List<String> auto = new ArrayList<>(classify);
		auto.add("device=auto");
		String out = fork(auto.toArray(String[]::new));
		assertEquals(1, out.lines().filter(l -> l.startsWith("[WARNING] CSRA: " + WARNING)).count(),
			out);
		assertTrue(out.lines().anyMatch(l -> l.startsWith("scene_00000.png\t")), out);

		List<String> gpu = new ArrayList<>(classify);
		gpu.add("device=gpu");
		String refused = fork(gpu.toArray(String[]::new));
		assertTrue(refused.contains("GPU 0 was requested but the PyTorch engine sees 0 GPU(s): "
			+ "PYTORCH_LIBRARY_PATH /nowhere does not exist"), refused);
		assertTrue(refused.lines().noneMatch(l -> l.startsWith("scene_00000.png\t")), refused);
	}

	/** Runs HeadlessRunner in a new JVM with the bad libtorch settings; returns its output. */
	private String fork(String... args) throws Exception {
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"),
			"bin", "java").toString(), "-Xmx1g", "-Djava.awt.headless=true",
			"-Dai.djl.offline=true",
			"-cp", System.getProperty("java.class.path"), HeadlessRunner.class.getName()));
		command.addAll(List.of(args));
		ProcessBuilder pb = new ProcessBuilder(command);
		pb.environment().put("PYTORCH_LIBRARY_PATH", "/nowhere");
		pb.environment().put("PYTORCH_FLAVOR", "cu128");
		pb.environment().remove("PYTORCH_VERSION");
		File log = dir.resolve("log.txt").toFile();
		Process p = pb.redirectErrorStream(true).redirectOutput(log).start();
		if (!p.waitFor(120, TimeUnit.SECONDS)) {
			p.destroyForcibly();
			throw new AssertionError("HeadlessRunner did not finish in 120 s");
		}
		return Files.readString(log.toPath());
	}
}
