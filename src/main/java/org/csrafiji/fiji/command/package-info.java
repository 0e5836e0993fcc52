/**
 * The thin SciJava commands under Plugins &gt; CSRA: parameters in (lowercase snake_case
 * field names, as ImageJ macros record them), one call into {@link org.csrafiji.fiji},
 * outputs out.
 */
package org.csrafiji.fiji.command;
