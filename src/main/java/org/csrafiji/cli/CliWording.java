package org.csrafiji.cli;

import org.csrafiji.core.CsraException;
import org.csrafiji.core.Setting;

/**
 * Words an error's remedy in command-line terms: the lower packages name the setting at fault
 * ({@link CsraException#setting()}), and this adds the option that changes it.
 */
final class CliWording {

	private CliWording() {}

	/**
	 * @param setting a setting
	 * @return the option that changes it, with its argument's form
	 */
	static String option(Setting setting) {
		switch (setting) {
			case ARCHITECTURE:
				return "--arch NAME";
			case BACKBONE_FILE:
				return "--arch torchscript --backbone FILE.pt";
			case TRUST_CODE:
				return "--trust-torchscript";
			case HEAD:
				return "--head csra|training-free";
			case HEADS:
				return "--heads N";
			case CLASSES:
				return "--classes NAMES|FILE";
			case CHECKPOINT:
				return "--checkpoint FILE";
			case MEAN:
				return "--mean R,G,B";
			case STD:
				return "--std R,G,B";
			case DATASET:
				return "--dataset KIND:PATH";
			case LEARNING_RATE:
				return "--lr RATE";
			case DEVICE:
				return "--device auto|cpu|gpu|gpu:N";
			default:
				throw new IllegalArgumentException(setting.name());
		}
	}

	/**
	 * @param e an error
	 * @return its message, followed by the option to change when a {@link CsraException} names
	 *         the setting at fault
	 */
	static String message(Throwable e) {
		String remedy = e instanceof CsraException c
			? c.setting().map(s -> " (command line: "
				+ option(s) + ")").orElse("")
			: "";
		return e.getMessage() + remedy;
	}
}
