package org.csrafiji.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "CSRA Engine Info" in a new JVM (natives load once per JVM) whose PYTORCH_LIBRARY_PATH points
 * nowhere with PYTORCH_FLAVOR=cu128: it names the natives really loaded (the CPU build CSRA
 * ships, from DJL's cache), not the path that was asked for, and carries the warning.
 */
class EngineInfoFallbackTest {

	@TempDir
	Path dir;

	@Test
	void engineInfoNamesTheNativesLoadedAndWarns() throws Exception {
		ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin",
			"java").toString(), "-Xmx1g", "-Djava.awt.headless=true", "-Dai.djl.offline=true", "-cp",
			System.getProperty("java.class.path"), HeadlessRunner.class.getName(),
			"CSRA Engine Info");
		pb.environment().put("PYTORCH_LIBRARY_PATH", "/nowhere");
		pb.environment().put("PYTORCH_FLAVOR", "cu128");
		pb.environment().remove("PYTORCH_VERSION");
		File log = dir.resolve("log.txt").toFile();
		Process p = pb.redirectErrorStream(true).redirectOutput(log).start();
		assertTrue(p.waitFor(120, TimeUnit.SECONDS), "Engine Info finished");
		String out = Files.readString(log.toPath());
		assertEquals(0, p.exitValue(), out);
		List<String> from = out.lines().filter(l -> l.strip().startsWith("natives from")).toList();
		assertTrue(!from.isEmpty() && from.stream().allMatch(l -> l.contains("DJL cache") && !l
			.contains("/nowhere")), out);
		assertTrue(out.contains("warning: GPU requested (PYTORCH_FLAVOR=cu128) but the PyTorch"
			+ " engine runs on the CPU: PYTORCH_LIBRARY_PATH /nowhere does not exist"), out);
	}
}
