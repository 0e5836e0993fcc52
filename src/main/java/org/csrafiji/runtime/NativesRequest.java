package org.csrafiji.runtime;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * What the user asked of the engine's natives through PYTORCH_LIBRARY_PATH, PYTORCH_VERSION and
 * PYTORCH_FLAVOR (environment variables or system properties, as DJL reads them when the engine
 * starts). A CUDA flavour (cu118 ... cu128) asks for a GPU; a library path asks for a local
 * libtorch.
 *
 * @param libraryPath PYTORCH_LIBRARY_PATH, or null
 * @param version PYTORCH_VERSION, or null
 * @param flavour PYTORCH_FLAVOR, or null
 */
public record NativesRequest(String libraryPath, String version, String flavour) {

	/** Nothing asked: the natives CSRA ships. */
	public static final NativesRequest NONE = new NativesRequest(null, null, null);

	/** Blank values are absent. */
	public NativesRequest {
		libraryPath = blankToNull(libraryPath);
		version = blankToNull(version);
		flavour = blankToNull(flavour);
	}

	/** @return the request in this JVM's environment and system properties */
	public static NativesRequest current() {
		return of(Engines::setting);
	}

	/**
	 * @param settings the value of a key, or null
	 * @return the request those settings make
	 */
	public static NativesRequest of(UnaryOperator<String> settings) {
		return new NativesRequest(settings.apply("PYTORCH_LIBRARY_PATH"), settings.apply(
			"PYTORCH_VERSION"), settings.apply("PYTORCH_FLAVOR"));
	}

	/** @return whether a local libtorch was asked for */
	public boolean local() {
		return libraryPath != null;
	}

	/** @return whether a CUDA build was asked for (PYTORCH_FLAVOR cu...) */
	public boolean gpu() {
		return flavour != null && flavour.toLowerCase(Locale.ROOT).startsWith("cu");
	}

	/** @return the folders of PYTORCH_LIBRARY_PATH, in order (DJL takes the first with libtorch) */
	public List<Path> folders() {
		List<Path> out = new ArrayList<>();
		if (libraryPath != null) {
			for (String p : libraryPath.split(File.pathSeparator)) {
				if (!p.isBlank()) {
					out.add(Path.of(p.strip()));
				}
			}
		}
		return out;
	}

	private static String blankToNull(String s) {
		return s == null || s.isBlank() ? null : s.strip();
	}
}
