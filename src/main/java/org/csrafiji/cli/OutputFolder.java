package org.csrafiji.cli;

import org.csrafiji.core.CsraException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The folder an {@code --out} option names: made when missing, refused with a message that
 * says what is wrong when it is a file or cannot be made.
 */
final class OutputFolder {

	private OutputFolder() {}

	/**
	 * @param option the option's name, without dashes, for messages
	 * @param value the option's value
	 * @param holds what goes into the folder, for messages (e.g. "the attention overlays")
	 * @return the folder, which exists
	 * @throws CsraException when the path is an existing file or the folder cannot be made
	 */
	static Path create(String option, String value, String holds) {
		Path dir = Path.of(value);
		if (Files.exists(dir) && !Files.isDirectory(dir)) {
			throw new CsraException("--" + option + " " + value + " is an existing file, not a"
				+ " folder; " + holds + " go into a folder. Name a new or an existing folder.");
		}
		try {
			return Files.createDirectories(dir);
		}
		catch (IOException e) {
			throw new CsraException("Cannot make the folder --" + option + " " + value + " ("
				+ IoMessages.describe(e) + "); name a folder you may write to.", e);
		}
	}
}
