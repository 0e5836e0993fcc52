/**
 * Fetching a model spec's published weights: a plain {@code java.net} HTTP download (never
 * through DJL, which the project keeps offline) into a {@code .part} file that a broken
 * transfer resumes with an HTTP Range request, with progress and cancel, then checked (the
 * spec's SHA-256 where it records one, and a real load of the checkpoint into the spec's
 * network) and only then moved into place. Used by the command line's {@code download} and
 * Fiji's "CSRA Download Weights"; also words the advice every front end gives when a spec's
 * weights are missing.
 */
package org.csrafiji.app.download;
