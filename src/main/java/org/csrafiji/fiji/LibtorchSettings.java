package org.csrafiji.fiji;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.csrafiji.core.CsraException;
import org.csrafiji.runtime.Engines;
import org.scijava.prefs.PrefService;

/**
 * The local libtorch that "CSRA Settings" stores in Fiji's preferences, for users whose GPU
 * natives cannot be downloaded (offline) or who run on a system CSRA ships no natives for. It is
 * applied before the engine first starts ({@link #apply()}): as the system properties
 * PYTORCH_LIBRARY_PATH, PYTORCH_VERSION and PYTORCH_FLAVOR, each only when the environment (or
 * -D) does not set it already. Natives load once per JVM, so a change made after the engine
 * has started takes effect after a restart of Fiji.
 *
 * @param folder the libtorch folder, its {@code lib} folder or the libtorch root (whose
 *        {@code lib} is then used); null when no local libtorch is used
 * @param version the libtorch version, e.g. 2.7.1
 * @param flavour cpu, cu128, ...
 */
public record LibtorchSettings(Path folder, String version, String flavour) {

	/** The version CSRA's DJL 0.35.1 engine is built for. */
	public static final String DEFAULT_VERSION = "2.7.1";

	/** The flavour a local libtorch usually has: the GPU build. */
	public static final String DEFAULT_FLAVOUR = "cu128";

	/** The flavours DJL's PyTorch engine knows names for. */
	public static final List<String> FLAVOURS = List.of("cu128", "cu126", "cu124", "cu121", "cu118",
		"cpu");

	/** No local libtorch: the natives CSRA ships (or DJL's cache). */
	public static final LibtorchSettings NONE = new LibtorchSettings(null, DEFAULT_VERSION,
		DEFAULT_FLAVOUR);

	private static final String FOLDER = "libtorch.folder";
	private static final String VERSION = "libtorch.version";
	private static final String FLAVOUR = "libtorch.flavour";

	/** Fills in the defaults for a blank version or flavour. */
	public LibtorchSettings {
		version = version == null || version.isBlank() ? DEFAULT_VERSION : version.strip();
		flavour = flavour == null || flavour.isBlank() ? DEFAULT_FLAVOUR : flavour.strip();
	}

	/**
	 * @param prefs Fiji's preferences
	 * @return the stored settings, {@link #NONE} when nothing is stored
	 */
	public static LibtorchSettings load(PrefService prefs) {
		String folder = prefs.get(LibtorchSettings.class, FOLDER, "");
		return new LibtorchSettings(folder.isBlank() ? null : Path.of(folder), prefs.get(
			LibtorchSettings.class, VERSION, DEFAULT_VERSION),
			prefs.get(LibtorchSettings.class, FLAVOUR,
				DEFAULT_FLAVOUR));
	}

	/** @param prefs where to store these settings (a null folder removes the local libtorch) */
	public void save(PrefService prefs) {
		prefs.put(LibtorchSettings.class, FOLDER, folder == null
			? ""
			: folder.toAbsolutePath()
				.toString());
		prefs.put(LibtorchSettings.class, VERSION, version);
		prefs.put(LibtorchSettings.class, FLAVOUR, flavour);
	}

	/**
	 * @return the folder holding the libtorch library: {@code folder}, or its {@code lib} when
	 *         only that holds one; null without a folder
	 * @throws CsraException when neither holds a libtorch library
	 */
	public Path libFolder() {
		if (folder == null) {
			return null;
		}
		for (Path candidate : List.of(folder, folder.resolve("lib"))) {
			if (hasLibtorch(candidate)) {
				return candidate;
			}
		}
		throw new CsraException(folder
			+ " holds no libtorch library (libtorch.so, libtorch.dylib or"
			+ " torch.dll), nor does its lib folder; choose the lib folder of an unpacked libtorch "
			+ version + ".");
	}

	/**
	 * Sets the system properties DJL reads, unless the engine has started.
	 *
	 * @return what was set, or why not, one sentence each
	 */
	public List<String> apply() {
		return Engines.useLibtorch(libFolder(), version, flavour);
	}

	private static boolean hasLibtorch(Path dir) {
		if (!Files.isDirectory(dir)) {
			return false;
		}
		try (Stream<Path> s = Files.list(dir)) {
			return s.map(p -> p.getFileName().toString()).anyMatch(n -> n.startsWith("libtorch.")
				|| n.equals("torch.dll"));
		}
		catch (IOException e) {
			return false;
		}
	}
}
