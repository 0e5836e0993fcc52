package org.csrafiji.cli;

import org.csrafiji.core.CsraException;

/**
 * A command line that cannot be run as written (an unknown option, a missing value, a value that
 * is not a number, a required option left out): {@link Main} prints it as one
 * {@code csra: error:} line pointing to the subcommand's {@code --help}, and exits with 2.
 */
final class UsageException extends CsraException {

	private static final long serialVersionUID = 1L;

	/** @param message what is wrong with the command line */
	UsageException(String message) {
		super(message);
	}

	/**
	 * @param message what is wrong with the command line
	 * @param cause the parse error behind it
	 */
	UsageException(String message, Throwable cause) {
		super(message, cause);
	}
}
