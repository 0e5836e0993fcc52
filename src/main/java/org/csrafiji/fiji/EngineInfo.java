package org.csrafiji.fiji;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.LibUtils;
import ai.djl.util.Utils;
import ai.djl.util.cuda.CudaUtils;

import ij.measure.ResultsTable;

import java.lang.management.MemoryUsage;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.csrafiji.core.CsraException;
import org.csrafiji.runtime.DeviceChoice;
import org.csrafiji.runtime.Engines;
import org.csrafiji.runtime.NativesCheck;

/**
 * What "CSRA Engine Info" reports, as property/value pairs in a stable order: DJL and PyTorch
 * versions, the natives' flavour (cpu, cu128, ...) and folder, where they came from (a local
 * libtorch named by PYTORCH_LIBRARY_PATH when the engine really loaded it, else the CPU natives
 * CSRA ships in DJL's cache), the GPUs the engine sees, the device "auto" resolves to and, on a
 * GPU, its memory; and, when a GPU or local libtorch was asked for and not used, a "warning"
 * row saying why. Starts the engine; when it cannot start, the
 * error is reported in place of the engine's values.
 *
 * @param values the report
 */
public record EngineInfo(Map<String, String> values) {

	/** Title of the table (and its window). */
	public static final String TITLE = "CSRA Engine";

	/** Keeps an unmodifiable copy, in order. */
	public EngineInfo {
		values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
	}

	/** @return the report on the engine of this JVM */
	public static EngineInfo gather() {
		Map<String, String> v = new LinkedHashMap<>();
		v.put("DJL version", Engine.getDjlVersion());
		try {
			Engine engine = Engines.pytorch();
			v.put("PyTorch version", engine.getVersion());
			String folder = LibUtils.getLibtorchPath();
			v.put("natives flavour", flavour(folder));
			v.put("natives folder", folder);
			NativesCheck natives = Engines.natives();
			v.put("natives from", natives.localUsed()
				? "PYTORCH_LIBRARY_PATH " + folder
				: "DJL cache " + Utils.getEngineCacheDir("pytorch")
					+ " (the CPU natives CSRA ships)");
			v.put("GPU count", Integer.toString(engine.getGpuCount()));
			v.put("CUDA", CudaUtils.hasCuda() ? CudaUtils.getCudaVersionString() : "not found");
			Device auto = DeviceChoice.AUTO.resolve();
			v.put("device for 'auto'", DeviceChoice.describe(auto));
			v.put("GPU memory", auto.isGpu() ? memory(auto) : "n/a (CPU)");
			natives.warning().ifPresent(w -> v.put("warning", w));
		}
		catch (CsraException | LinkageError e) {
			v.put("engine error", e.getMessage());
		}
		return new EngineInfo(v);
	}

	/** @return the report as a two-column table: property, value */
	public ResultsTable table() {
		ResultsTable rt = new ResultsTable();
		values.forEach((k, value) -> {
			rt.incrementCounter();
			rt.addValue("property", k);
			rt.addValue("value", value);
		});
		return rt;
	}

	/** @return one line per property, for the log */
	public String text() {
		StringBuilder sb = new StringBuilder("CSRA Engine");
		values.forEach((k, value) -> sb.append("\n  ").append(k).append(": ").append(value));
		return sb.toString();
	}

	/**
	 * @param folder a libtorch folder as DJL names its cache entries, e.g.
	 *        {@code 2.7.1-20250812-cpu-linux-x86_64} or {@code 2.7.1-cu128-linux-x86_64}
	 * @return the flavour named in it, else PYTORCH_FLAVOR, else "unknown"
	 */
	static String flavour(String folder) {
		if (folder != null) {
			String name = Path.of(folder).getFileName().toString().toLowerCase(Locale.ROOT);
			for (String part : name.split("-")) {
				if (part.equals("cpu") || part.matches("cu\\d+")) {
					return part;
				}
			}
		}
		String set = Engines.setting("PYTORCH_FLAVOR");
		return set == null || set.isBlank() ? "unknown" : set + " (PYTORCH_FLAVOR)";
	}

	private static String memory(Device gpu) {
		try {
			MemoryUsage m = CudaUtils.getGpuMemory(gpu);
			return String.format(Locale.ROOT, "%d MiB used of %d MiB", m.getUsed() >> 20,
				m.getMax() >> 20);
		}
		catch (RuntimeException | LinkageError e) {
			return "unknown (" + e.getMessage() + ")";
		}
	}
}
