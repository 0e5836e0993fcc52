package org.csrafiji.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.measure.ResultsTable;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.csrafiji.fiji.command.EngineInfoCommand;
import org.junit.jupiter.api.Test;

/** "CSRA Engine Info" headless, on the CPU natives the build ships. */
class EngineInfoCommandTest extends ContextTestBase {

	@Test
	void reportsVersionsNativesAndTheDeviceAutoPicks() throws Exception {
		Ran m = Ran.run(ctx, EngineInfoCommand.class, Map.of());
		assertFalse(m.isCanceled(), m.getCancelReason());
		ResultsTable rt = (ResultsTable) m.getOutput("engine_table");
		Map<String, String> v = new HashMap<>();
		for (int r = 0; r < rt.size(); r++) {
			v.put(rt.getStringValue("property", r), rt.getStringValue("value", r));
		}
		assertEquals(List.of("DJL version", "PyTorch version", "natives flavour", "natives folder",
			"natives from", "GPU count", "CUDA", "device for 'auto'", "GPU memory"),
			List.of(rt
				.getColumnAsVariables("property")).stream().map(x -> x.getString()).toList());
		assertEquals("0.35.1", v.get("DJL version"));
		assertEquals("2.7.1", v.get("PyTorch version"));
		if (v.get("GPU count").equals("0")) {
			assertEquals("cpu", v.get("device for 'auto'"));
			assertTrue(v.get("GPU memory").startsWith("n/a"));
		}
		else {
			assertEquals("gpu:0", v.get("device for 'auto'"));
			assertTrue(v.get("GPU memory").contains("MiB"), v.get("GPU memory"));
		}
		assertTrue(
			v.get("natives from").startsWith("DJL cache") || v.get("natives from").startsWith(
				"PYTORCH_LIBRARY_PATH"),
			v.get("natives from"));
	}

	@Test
	void readsTheFlavourFromDjlsFolderNames() {
		assertEquals("cpu",
			EngineInfo.flavour("/home/u/.djl.ai/pytorch/2.7.1-20250812-cpu-linux-x86_64"));
		assertEquals("cu128",
			EngineInfo.flavour("/home/u/.djl.ai/pytorch/2.7.1-cu128-linux-x86_64"));
	}
}
