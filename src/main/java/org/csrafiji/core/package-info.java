/**
 * Value types shared by every other package: model specs with their typed backbone
 * ({@link org.csrafiji.core.Architecture}), class labels, temperatures, predictions with their
 * attention maps, and the exception tree, whose exceptions carry the
 * {@link org.csrafiji.core.Setting} at fault, its value and the file, so that each front end
 * words the remedy in its own terms (messages here never name a command-line option); and how
 * every output file is
 * written safely (moved into place whole with the user's permissions, {@link
 * org.csrafiji.core.OutputFiles}; one writer at a time, {@link org.csrafiji.core.OutputLock}).
 * Nothing here depends on DJL or ImageJ.
 */
package org.csrafiji.core;
