/**
 * Value types shared by every other package: model specs, class labels, temperatures,
 * predictions with their attention maps, and the exception tree. Nothing here depends on
 * DJL or ImageJ.
 */
package org.csrafiji.core;
