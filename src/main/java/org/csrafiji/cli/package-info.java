/**
 * The command line: {@code java -jar target/csra.jar classify|bench|evaluate|download ...}. Each
 * subcommand parses its options, calls the same library code the Fiji commands use, prints
 * results to standard output and logs to standard error, and exits non-zero with one clear
 * line on any error.
 */
package org.csrafiji.cli;
