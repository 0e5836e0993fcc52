/** Tests of the project's structure: which package may use which. */
package org.csrafiji.arch;
