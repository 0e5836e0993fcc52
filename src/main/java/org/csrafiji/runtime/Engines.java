package org.csrafiji.runtime;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

import org.csrafiji.core.EngineException;

import java.util.concurrent.Callable;

/**
 * Starts DJL's PyTorch engine the way a plugin host needs it: offline (DJL never downloads
 * anything), tracking opted out, and with the thread context class loader set to this
 * project's class loader while DJL looks for engines and natives (Fiji gives each plugin
 * its own loader).
 */
public final class Engines {

	private static final String ENGINE = "PyTorch";

	private Engines() {}

	/**
	 * @return the started PyTorch engine
	 * @throws EngineException when the natives cannot be found or loaded, with what to set
	 */
	public static synchronized Engine pytorch() {
		if (System.getProperty("ai.djl.offline") == null) {
			System.setProperty("ai.djl.offline", "true");
		}
		if (System.getProperty("OPT_OUT_TRACKING") == null) {
			System.setProperty("OPT_OUT_TRACKING", "true");
		}
		try {
			return withProjectClassLoader(() -> Engine.getEngine(ENGINE));
		}
		catch (RuntimeException | LinkageError e) {
			throw new EngineException("The PyTorch engine could not start: " + rootMessage(e)
				+ ". CSRA ships CPU natives for Linux x86-64 and never downloads at run time; on"
				+ " other systems, or to use a GPU, set PYTORCH_LIBRARY_PATH to the lib folder"
				+ " of a libtorch 2.7.1, with PYTORCH_VERSION=2.7.1 and PYTORCH_FLAVOR=cpu or"
				+ " cu128 (as environment variables or Java system properties).", e);
		}
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
