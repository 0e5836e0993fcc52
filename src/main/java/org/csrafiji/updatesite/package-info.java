/**
 * Builds the Fiji update site folder from the built project: the files stored under their
 * timestamped names, db.xml.gz in the ImageJ Updater's format, and checksums computed the
 * way the updater computes them. Plain Java: depends only on {@code org.csrafiji.core} and
 * the JDK, and runs from Maven in the {@code update-site} profile.
 */
package org.csrafiji.updatesite;
