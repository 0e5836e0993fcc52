package org.csrafiji.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A folder named by PYTORCH_LIBRARY_PATH, seen as DJL sees it: DJL loads the libtorch library
 * ({@code libtorch.so}, {@code libtorch.dylib} or {@code torch.dll}) found directly in it (not
 * in a {@code lib} below it). Says what is wrong with it, if anything, from the files alone:
 * missing, no libtorch, an incomplete one, another version than the engine's (from the
 * {@code build-version} file of an unpacked libtorch, or the {@code version.py} of a pip
 * torch), or a CPU-only build where a GPU was asked for.
 *
 * @param path the folder
 */
public record LibtorchFolder(Path path) {

	private static final Pattern PY_VERSION = Pattern.compile(
		"__version__\\s*=\\s*['\"]([^'\"]+)['\"]");

	/** @return the libtorch library's file name on this system */
	public static String libraryName() {
		return System.mapLibraryName("torch");
	}

	/** @return whether DJL would load a libtorch from here */
	public boolean holdsLibtorch() {
		return Files.isRegularFile(path.resolve(libraryName()))
			|| Files.isRegularFile(path) && path.getFileName().toString().equals(libraryName());
	}

	/**
	 * @return the libtorch version recorded beside the folder (e.g. 2.7.1), without a local
	 *         suffix such as +cu128, if one is recorded
	 */
	public Optional<String> version() {
		Path root = path.toAbsolutePath().getParent();
		if (root == null) {
			return Optional.empty();
		}
		try {
			Path build = root.resolve("build-version");
			if (Files.isRegularFile(build) && Files.size(build) < 1024) {
				return Optional.of(stripLocal(Files.readString(build).strip()));
			}
			Path py = root.resolve("version.py");
			if (Files.isRegularFile(py) && Files.size(py) < 65536) {
				Matcher m = PY_VERSION.matcher(Files.readString(py));
				if (m.find()) {
					return Optional.of(stripLocal(m.group(1)));
				}
			}
		}
		catch (IOException | RuntimeException e) {
			// no readable version file: the version is unknown
		}
		return Optional.empty();
	}

	/**
	 * @param engineVersion the libtorch version the engine is built for, e.g. 2.7.1
	 * @param gpu whether a CUDA build is wanted
	 * @return what keeps this folder from giving the wanted natives, or empty when nothing does
	 */
	public Optional<String> problem(String engineVersion, boolean gpu) {
		String name = "PYTORCH_LIBRARY_PATH " + path;
		if (!Files.exists(path)) {
			return Optional.of(name + " does not exist");
		}
		if (!holdsLibtorch()) {
			boolean below = Files.isRegularFile(path.resolve("lib").resolve(libraryName()));
			return Optional.of(name + " holds no " + libraryName() + (below
				? " (its lib folder"
					+ " does: point PYTORCH_LIBRARY_PATH at " + path.resolve("lib") + ")"
				: ""));
		}
		Optional<String> version = version();
		if (version.isPresent() && !version.get().equals(engineVersion)) {
			return Optional.of("the libtorch in " + path + " is version " + version.get()
				+ " but CSRA's engine needs " + engineVersion);
		}
		if (!has("torch_cpu")) {
			return Optional.of(path + " holds " + libraryName() + " but not " + System
				.mapLibraryName("torch_cpu") + ": it is not a complete libtorch lib folder");
		}
		if (gpu && !has("torch_cuda")) {
			return Optional.of("the libtorch in " + path + " is a CPU-only build (no " + System
				.mapLibraryName("torch_cuda") + ")");
		}
		return Optional.empty();
	}

	private boolean has(String library) {
		String file = System.mapLibraryName(library);
		try (Stream<Path> s = Files.list(Files.isDirectory(path) ? path : path.getParent())) {
			return s.anyMatch(p -> p.getFileName().toString().equals(file));
		}
		catch (IOException e) {
			return false;
		}
	}

	private static String stripLocal(String version) {
		int plus = version.indexOf('+');
		return plus >= 0 ? version.substring(0, plus) : version;
	}

	/**
	 * @param folders PYTORCH_LIBRARY_PATH's folders
	 * @return the first that holds a libtorch, as DJL picks it, if any
	 */
	public static Optional<LibtorchFolder> used(List<Path> folders) {
		return folders.stream().map(LibtorchFolder::new).filter(LibtorchFolder::holdsLibtorch)
			.findFirst();
	}
}
