/**
 * Running models: starting the PyTorch engine offline with the right class loader, checking
 * what was asked of its natives (a GPU, a local libtorch) against what loaded, choosing the
 * device, loading a spec and its checkpoint into a ready model, and forward passes that turn
 * preprocessed pixels into {@link org.csrafiji.core.Prediction}s. The natives load once per
 * JVM: that one JVM-wide fact is kept in a single package-private holder, and nothing else here
 * is global.
 */
package org.csrafiji.runtime;
