/**
 * Keeping the forward pass busy: {@link org.csrafiji.app.pipeline.Prefetcher} prepares the next
 * items of a job (read, decode, convert, resize) on worker threads while the calling thread runs
 * the current batch, with a bound on the items held at once and results handed over in input
 * order. Workers produce plain Java data only; the engine's native arrays stay on the thread
 * that runs the model.
 */
package org.csrafiji.app.pipeline;
