package org.csrafiji.runtime;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.pytorch.jni.LibUtils;

import org.csrafiji.core.EngineException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;

/**
 * Starts DJL's PyTorch engine the way a plugin host needs it: offline (DJL never downloads
 * anything), tracking opted out, and with the thread context class loader set to this
 * project's class loader while DJL looks for engines and natives (Fiji gives each plugin
 * its own loader). Holds no state itself: the natives load once per JVM, and that one
 * JVM-wide fact lives in {@link JvmNatives}.
 */
public final class Engines {

	private static final String ENGINE = "PyTorch";

	/** The variables (or system properties) that point DJL at a local libtorch. */
	public static final List<String> LIBTORCH_KEYS = List.of("PYTORCH_LIBRARY_PATH",
		"PYTORCH_VERSION", "PYTORCH_FLAVOR");

	private Engines() {}

	/**
	 * @return the started PyTorch engine
	 * @throws EngineException when the natives cannot be found or loaded, with what to set
	 */
	public static synchronized Engine pytorch() {
		JvmNatives.setDefaults(Map.of("ai.djl.offline", "true", "OPT_OUT_TRACKING", "true"));
		NativesRequest request = NativesRequest.current();
		boolean first = !JvmNatives.started();
		if (first) {
			refuseOtherVersion(request);
		}
		try {
			Engine engine = withProjectClassLoader(() -> Engine.getEngine(ENGINE));
			if (first) {
				JvmNatives
					.startedWith(new NativesCheck(request, Path.of(LibUtils.getLibtorchPath()),
						engine.getGpuCount(), engineVersion()));
			}
			return engine;
		}
		catch (RuntimeException | LinkageError e) {
			String why = request.folders().stream().map(f -> new LibtorchFolder(f).problem(
				engineVersion(), request.gpu())).flatMap(Optional::stream).findFirst()
				.map(p -> " (" + p + ")").orElse("");
			throw new EngineException("The PyTorch engine could not start: " + rootMessage(e) + why
				+ ". CSRA ships CPU natives for Linux x86-64 and never downloads at run time; on"
				+ " other systems, or to use a GPU, set PYTORCH_LIBRARY_PATH to the lib folder"
				+ " of a libtorch 2.7.1, with PYTORCH_VERSION=2.7.1 and PYTORCH_FLAVOR=cpu or"
				+ " cu128 (as environment variables or Java system properties).", e);
		}
	}

	/**
	 * Refuses, before anything is loaded, a local libtorch of another version than the JNI's:
	 * loaded together they fail in odd places (undefined symbols, wrong results) or crash.
	 */
	private static void refuseOtherVersion(NativesRequest request) {
		String wanted = engineVersion();
		LibtorchFolder.used(request.folders()).ifPresent(f -> f.version().filter(v -> !v.equals(
			wanted)).ifPresent(v -> {
				throw new EngineException(
					"The libtorch in " + f.path() + " (PYTORCH_LIBRARY_PATH) is"
						+ " version " + v + " but CSRA's engine needs " + wanted
						+ "; the engine was not"
						+ " started. Point PYTORCH_LIBRARY_PATH at the lib folder of a libtorch "
						+ wanted
						+ ", or unset it (and PYTORCH_FLAVOR) to use the CPU natives CSRA ships.");
			}));
		if (request.version() != null && !request.version().equals(wanted)) {
			throw new EngineException("PYTORCH_VERSION is " + request.version()
				+ " but CSRA's engine"
				+ " needs libtorch " + wanted + "; the engine was not started. Set PYTORCH_VERSION="
				+ wanted + " (or unset it).");
		}
	}

	/**
	 * Starts the engine if needed and compares what was asked of its natives with what loaded.
	 *
	 * @return the check: the warning to show when a GPU (or local libtorch) was asked for and the
	 *         CPU natives run instead, and the folder the natives came from
	 */
	public static NativesCheck natives() {
		pytorch();
		return JvmNatives.natives();
	}

	/**
	 * @return the libtorch version this project's DJL JNI is built for (jnilib/pytorch.properties
	 *         of pytorch-jni, e.g. 2.7.1), or 2.7.1 when it cannot be read
	 */
	public static String engineVersion() {
		try (InputStream in = Engines.class.getResourceAsStream("/jnilib/pytorch.properties")) {
			if (in != null) {
				Properties p = new Properties();
				p.load(in);
				String v = p.getProperty("jni_version", "");
				if (v.contains("-")) {
					return v.substring(0, v.indexOf('-'));
				}
			}
		}
		catch (IOException e) {
			// fall back to the version this project pins
		}
		return DEFAULT_LIBTORCH;
	}

	/** The libtorch version of the pinned pytorch-jni (pom.xml pytorch.version). */
	private static final String DEFAULT_LIBTORCH = "2.7.1";

	/**
	 * @return whether {@link #pytorch()} has started the engine in this JVM: its natives are
	 *         loaded and cannot be changed until the JVM (Fiji) restarts
	 */
	public static boolean isStarted() {
		return JvmNatives.started();
	}

	/**
	 * The system properties that make DJL load a local libtorch: each of
	 * {@link #LIBTORCH_KEYS} with its value, left out when the value is blank or when the
	 * environment or a system property already sets that key (the user's explicit setting wins).
	 *
	 * @param folder the libtorch lib folder, or null for none (then nothing is set)
	 * @param version e.g. 2.7.1
	 * @param flavour e.g. cpu or cu128
	 * @param existing the current value of a key from the environment or system properties, or
	 *        null when unset
	 * @return the properties to set, in {@link #LIBTORCH_KEYS} order
	 */
	public static Map<String, String> libtorchProperties(Path folder, String version,
		String flavour,
		UnaryOperator<String> existing)
	{
		Map<String, String> out = new LinkedHashMap<>();
		if (folder == null) {
			return out;
		}
		String[] values = {folder.toAbsolutePath().toString(), version, flavour};
		for (int i = 0; i < values.length; i++) {
			String key = LIBTORCH_KEYS.get(i);
			if (values[i] != null && !values[i].isBlank() && isBlank(existing.apply(key))) {
				out.put(key, values[i].strip());
			}
		}
		return out;
	}

	/**
	 * Points the engine at a local libtorch by setting {@link #libtorchProperties} as system
	 * properties, unless the engine has already started.
	 *
	 * @param folder the libtorch lib folder, or null for none
	 * @param version e.g. 2.7.1
	 * @param flavour e.g. cpu or cu128
	 * @return one sentence per key saying what was set or why not
	 */
	public static synchronized List<String> useLibtorch(Path folder, String version,
		String flavour)
	{
		List<String> notes = new ArrayList<>();
		if (folder == null) {
			return notes;
		}
		if (JvmNatives.started()) {
			notes.add(
				"The PyTorch engine has already started in this JVM (natives load once per JVM):"
					+ " the libtorch in " + folder + " is used after a restart.");
			return notes;
		}
		Map<String, String> set = libtorchProperties(folder, version, flavour, Engines::setting);
		JvmNatives.setDefaults(set);
		for (String key : LIBTORCH_KEYS) {
			if (set.containsKey(key)) {
				notes.add(key + "=" + set.get(key));
			}
			else if (!isBlank(setting(key))) {
				notes.add(key + " is already set to " + setting(key)
					+ " (environment or -D), which wins.");
			}
		}
		return notes;
	}

	/**
	 * @param key e.g. PYTORCH_LIBRARY_PATH
	 * @return its value from the environment, else the system property, else null
	 */
	public static String setting(String key) {
		String env = System.getenv(key);
		return !isBlank(env) ? env : System.getProperty(key);
	}

	private static boolean isBlank(String s) {
		return s == null || s.isBlank();
	}

	/**
	 * Runs an action with the thread context class loader set to this project's loader.
	 *
	 * @param action what to run
	 * @param <T> its result
	 * @return the result
	 */
	public static <T> T withProjectClassLoader(Callable<T> action) {
		Thread t = Thread.currentThread();
		ClassLoader previous = t.getContextClassLoader();
		t.setContextClassLoader(Engines.class.getClassLoader());
		try {
			return action.call();
		}
		catch (RuntimeException e) {
			throw e;
		}
		catch (Exception e) {
			throw new EngineException(e.getMessage(), e);
		}
		finally {
			t.setContextClassLoader(previous);
		}
	}

	/**
	 * Starts the engine on a thread of its own (loading libtorch takes about half a second),
	 * so that the caller can read a checkpoint meanwhile. The start is the engine's one start
	 * in this JVM, as {@link #pytorch()} would make it.
	 *
	 * @return the start; {@link EngineStart#await()} waits for it and throws what it threw
	 */
	public static EngineStart startInBackground() {
		return EngineStart.begin();
	}

	/**
	 * Turns autograd off on the calling thread. PyTorch's grad mode is per thread, and the
	 * engine switches it off only on the thread that started it; every thread that runs an
	 * inference forward calls this first.
	 */
	public static void inferenceThread() {
		pytorch();
		JniUtils.setGradMode(false);
	}

	/**
	 * @return "PyTorch 2.7.1" and the natives' flavour as DJL reports them
	 */
	public static String describe() {
		Engine e = pytorch();
		return e.getEngineName() + " " + e.getVersion() + " (DJL " + Engine.getDjlVersion()
			+ ", " + e.getGpuCount() + " GPU(s) visible)";
	}

	private static String rootMessage(Throwable e) {
		Throwable t = e;
		while (t.getCause() != null && t.getCause() != t) {
			t = t.getCause();
		}
		return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
	}
}
