/**
 * The thin SciJava commands under Plugins &gt; CSRA: parameters in (lowercase snake_case
 * field names, as ImageJ macros record them), one call to {@link org.csrafiji.fiji.CsraService}
 * (or, for the settings, engine and download commands, to their helper in
 * {@link org.csrafiji.fiji}), outputs out. They are ContextCommands (CommandService.run returns
 * their finished module, {@code --run} waits for them) and persist no input (a macro's or
 * script's result never depends on an earlier dialog).
 */
package org.csrafiji.fiji.command;
