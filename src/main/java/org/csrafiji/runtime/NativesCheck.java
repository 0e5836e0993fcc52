package org.csrafiji.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Compares what the user asked of the natives ({@link NativesRequest}) with what the engine
 * loaded, and words the one warning a user sees when a GPU (or a local libtorch) was asked for
 * and the engine runs on the CPU natives instead, with the reason: the path is missing, holds no
 * libtorch, holds another version or a CPU-only build, no CUDA device is visible, or
 * PYTORCH_FLAVOR was set without a library path.
 *
 * @param request what was asked when the engine started
 * @param loaded the folder the engine loaded its libtorch from
 * @param gpus the CUDA devices the engine sees
 * @param engineVersion the libtorch version the engine is built for, e.g. 2.7.1
 */
public record NativesCheck(NativesRequest request, Path loaded, int gpus, String engineVersion) {

	/**
	 * @return the warning when the request was not honoured: one paragraph saying what was asked,
	 *         what runs, why, and what to do; empty when nothing was asked or all is as asked
	 */
	public Optional<String> warning() {
		return reason().map(why -> (request.gpu()
			? "GPU requested (PYTORCH_FLAVOR="
				+ request.flavour() + ") but the PyTorch engine runs on the CPU: "
			: "A local libtorch was requested but not used: ") + why + ". " + remedy());
	}

	/**
	 * @return why the engine has no GPU, for a refused {@code device=gpu}: the request's
	 *         problem, or that no GPU build was asked for
	 */
	public String whyNoGpu() {
		return reason().orElseGet(() -> gpus > 0
			? "the engine sees " + gpus + " GPU(s)"
			: localUsed()
				? "no CUDA device is visible to the libtorch in " + loaded + cudaDevices()
				: "the engine loaded the CPU natives in " + loaded
					+ " (no CUDA libtorch was asked for:"
					+ " PYTORCH_LIBRARY_PATH and PYTORCH_FLAVOR are not set)");
	}

	/** @return whether the engine loaded its libtorch from PYTORCH_LIBRARY_PATH */
	public boolean localUsed() {
		return request.local() && request.folders().stream().anyMatch(f -> sameFolder(f, loaded));
	}

	/** @return why the request was not honoured, if it was not */
	private Optional<String> reason() {
		if (request.local() && !localUsed()) {
			return Optional.of(folderProblem() + ", so DJL loaded the CPU natives CSRA ships ("
				+ loaded + ")");
		}
		if (!request.gpu() || gpus > 0) {
			return Optional.empty();
		}
		if (!request.local()) {
			return Optional.of("PYTORCH_FLAVOR is set but PYTORCH_LIBRARY_PATH is not, so no CUDA"
				+ " libtorch was loaded (the natives in " + loaded + " are CSRA's CPU build)");
		}
		Optional<String> build = new LibtorchFolder(loaded).problem(engineVersion, true);
		return Optional.of(build.orElse("no CUDA device is visible to the libtorch in " + loaded
			+ cudaDevices() + " (check the NVIDIA driver with nvidia-smi)"));
	}

	/** @return why none of PYTORCH_LIBRARY_PATH's folders was used */
	private String folderProblem() {
		List<Path> folders = request.folders();
		for (Path f : folders) {
			Optional<String> p = new LibtorchFolder(f).problem(engineVersion, request.gpu());
			if (p.isPresent()) {
				return p.get();
			}
		}
		return "PYTORCH_LIBRARY_PATH " + request.libraryPath() + " was not used by DJL";
	}

	private String remedy() {
		return "To use the GPU, set PYTORCH_LIBRARY_PATH to the lib folder of a CUDA libtorch "
			+ engineVersion + " (the folder holding " + LibtorchFolder.libraryName()
			+ ") and PYTORCH_FLAVOR=cu128 (or CSRA Settings in Fiji); to use the CPU without this"
			+ " warning, unset PYTORCH_LIBRARY_PATH and PYTORCH_FLAVOR.";
	}

	private static String cudaDevices() {
		String visible = System.getenv("CUDA_VISIBLE_DEVICES");
		return visible == null ? "" : " (CUDA_VISIBLE_DEVICES=" + visible + ")";
	}

	private static boolean sameFolder(Path a, Path b) {
		try {
			Path fa = Files.isRegularFile(a) ? a.toAbsolutePath().getParent() : a;
			return Files.isSameFile(fa, b);
		}
		catch (IOException | RuntimeException e) {
			return false;
		}
	}
}
