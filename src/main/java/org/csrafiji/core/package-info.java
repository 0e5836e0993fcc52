/**
 * Value types shared by every other package: model specs, class labels, temperatures,
 * predictions with their attention maps, and the exception tree; and how every output file is
 * written safely (moved into place whole with the user's permissions, {@link
 * org.csrafiji.core.OutputFiles}; one writer at a time, {@link org.csrafiji.core.OutputLock}).
 * Nothing here depends on DJL or ImageJ.
 */
package org.csrafiji.core;
