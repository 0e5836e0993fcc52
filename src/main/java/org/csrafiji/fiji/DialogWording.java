package org.csrafiji.fiji;

import java.util.Collection;
import java.util.Optional;

import org.csrafiji.core.CsraException;
import org.csrafiji.core.Setting;

/**
 * Words an error's remedy in the terms of CSRA's dialogs: the lower packages name the setting
 * at fault ({@link CsraException#setting()}), and this adds the dialog field that changes it.
 * Settings without a field (spec fields such as "mean" or "trust_code") are already named
 * in the message.
 */
public final class DialogWording {

	private DialogWording() {}

	/**
	 * @param setting a setting
	 * @return the label of the dialog field that changes it, when a dialog has one
	 */
	public static Optional<String> field(Setting setting) {
		switch (setting) {
			case ARCHITECTURE:
				return Optional.of("Architecture");
			case HEADS:
				return Optional.of("CSRA heads");
			case CLASSES:
				return Optional.of("Classes");
			case CHECKPOINT:
				return Optional.of("Other model file");
			case DATASET:
				return Optional.of("Dataset folder");
			case LEARNING_RATE:
				return Optional.of("Learning rate");
			case DEVICE:
				return Optional.of("Device");
			default:
				return Optional.empty();
		}
	}

	/**
	 * @param e an error
	 * @param labels the labels of the fields of the dialog the user filled in
	 * @return its message, followed by the field to change when that dialog has it
	 */
	public static String message(CsraException e, Collection<String> labels) {
		return e.getMessage() + e.setting().flatMap(DialogWording::field).filter(f -> labels
			.stream().anyMatch(l -> l != null && l.startsWith(f))).map(f -> " (dialog field: " + f
				+ ")")
			.orElse("");
	}
}
