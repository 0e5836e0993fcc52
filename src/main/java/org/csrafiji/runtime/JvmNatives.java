package org.csrafiji.runtime;

import java.util.Map;

/**
 * The one JVM-wide fact this project keeps. DJL loads the PyTorch natives once per JVM, from
 * where its settings point when the engine first starts, and reads those settings only as
 * environment variables or Java system properties; the natives then stay loaded, unchangeable,
 * until the JVM (Fiji) exits. So whether the engine has started, what its natives check found,
 * and the system properties DJL reads are one state per JVM, not per model, service or
 * command. This holder is the only class that keeps that state and the only one that sets
 * system properties for DJL; {@link Engines} is its public face.
 */
final class JvmNatives {

	private static boolean started;

	private static NativesCheck natives;

	private JvmNatives() {}

	/** @return whether the engine has started in this JVM */
	static synchronized boolean started() {
		return started;
	}

	/** @return what the natives check found when the engine started; null before */
	static synchronized NativesCheck natives() {
		return natives;
	}

	/**
	 * Records that the engine started, with its natives check (only the first call counts).
	 *
	 * @param check what the check found
	 */
	static synchronized void startedWith(NativesCheck check) {
		if (!started) {
			natives = check;
			started = true;
		}
	}

	/**
	 * Sets DJL's settings as system properties where neither the environment nor a property
	 * set them already: the user's explicit setting wins.
	 *
	 * @param settings key to value
	 */
	static synchronized void setDefaults(Map<String, String> settings) {
		settings.forEach((k, v) -> {
			if (System.getProperty(k) == null) {
				System.setProperty(k, v);
			}
		});
	}
}
