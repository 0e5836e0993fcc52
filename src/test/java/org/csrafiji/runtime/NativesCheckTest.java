package org.csrafiji.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.LibUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.csrafiji.core.EngineException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The decision "a GPU was asked for and the CPU runs": what the real engine of this JVM
 * loaded (the CPU natives the build ships; no GPU on the build machines) against the requests
 * users make, and the one warning each gets.
 */
class NativesCheckTest {

	private static Path loaded;
	private static int gpus;

	@TempDir
	Path dir;

	@BeforeAll
	static void startTheRealEngine() {
		Engine engine = Engines.pytorch();
		loaded = Path.of(LibUtils.getLibtorchPath());
		gpus = engine.getGpuCount();
	}

	@Test
	void nothingAskedMeansNoWarning() {
		assertEquals(Optional.empty(), check(NativesRequest.NONE).warning());
	}

	@Test
	void aMissingPathWithACudaFlavourWarnsWhyAndWhatRuns() {
		assumeTrue(gpus == 0, "the CPU natives are loaded");
		String w = check(new NativesRequest("/nowhere", null, "cu128")).warning().orElseThrow();
		assertEquals("GPU requested (PYTORCH_FLAVOR=cu128) but the PyTorch engine runs on the CPU:"
			+ " PYTORCH_LIBRARY_PATH /nowhere does not exist, so DJL loaded the CPU natives CSRA ships ("
			+ loaded + "). To use the GPU, set PYTORCH_LIBRARY_PATH to the lib folder of a CUDA"
			+ " libtorch 2.7.1 (the folder holding " + System.mapLibraryName("torch") + ") and"
			+ " PYTORCH_FLAVOR=cu128 (or CSRA Settings in Fiji); to use the CPU without this warning,"
			+ " unset PYTORCH_LIBRARY_PATH and PYTORCH_FLAVOR.", w);
	}

	@Test
	void anEmptyFolderIsNamed() {
		String w = check(new NativesRequest(dir.toString(), "2.7.1", "cu128")).warning()
			.orElseThrow();
		assertTrue(w.contains("PYTORCH_LIBRARY_PATH " + dir + " holds no "), w);
	}

	@Test
	void aLocalCpuLibtorchThatWasNotUsedIsStillReported() {
		String w = check(new NativesRequest(dir.toString(), null, "cpu")).warning().orElseThrow();
		assertTrue(w.startsWith("A local libtorch was requested but not used: "), w);
	}

	@Test
	void aCudaFlavourWithoutAPathSaysThePathIsMissing() {
		assumeTrue(gpus == 0);
		String w = check(new NativesRequest(null, null, "cu128")).warning().orElseThrow();
		assertTrue(w.contains("PYTORCH_FLAVOR is set but PYTORCH_LIBRARY_PATH is not"), w);
	}

	@Test
	void theLoadedFolderAskedForAsCudaIsNamedACpuBuild() {
		assumeTrue(gpus == 0);
		NativesCheck c = check(new NativesRequest(loaded.toString(), "2.7.1", "cu128"));
		assertTrue(c.localUsed());
		String w = c.warning().orElseThrow();
		assertTrue(w.contains("is a CPU-only build (no " + System.mapLibraryName("torch_cuda")), w);
	}

	@Test
	void theLoadedFolderAskedForAsCpuIsAsAsked() {
		NativesCheck c = check(new NativesRequest(loaded.toString(), "2.7.1", "cpu"));
		assertTrue(c.localUsed());
		assertEquals(Optional.empty(), c.warning());
	}

	@Test
	void aCudaLibtorchWithoutAVisibleDeviceSaysSo() throws Exception {
		for (String name : new String[]{"torch", "torch_cpu", "torch_cuda"}) {
			Files.createFile(dir.resolve(System.mapLibraryName(name)));
		}
		NativesCheck c = new NativesCheck(new NativesRequest(dir.toString(), null, "cu128"), dir, 0,
			"2.7.1");
		String w = c.warning().orElseThrow();
		assertTrue(w.contains("no CUDA device is visible to the libtorch in " + dir), w);
		assertEquals(Optional.empty(), new NativesCheck(c.request(), dir, 1, "2.7.1").warning());
	}

	@Test
	void deviceGpuIsRefusedWithTheReasonInsteadOfFallingBack() {
		assumeTrue(gpus == 0);
		EngineException e = assertThrows(EngineException.class, () -> new DeviceChoice(
			DeviceChoice.Kind.GPU, 0).resolve());
		assertTrue(e.getMessage().contains("does not fall back to the CPU"), e.getMessage());
		String m = DeviceChoice.noGpu(0, 0, check(new NativesRequest("/nowhere", null, "cu128")));
		assertTrue(m.contains("PYTORCH_LIBRARY_PATH /nowhere does not exist"), m);
	}

	private static NativesCheck check(NativesRequest request) {
		return new NativesCheck(request, loaded, gpus, Engines.engineVersion());
	}
}
