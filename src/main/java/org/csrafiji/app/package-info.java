/**
 * The application layer: the use cases every front end (command line, Fiji, scripts, the
 * cluster job) calls - resolving a model, classifying images, attention maps, a batch over
 * files, dataset evaluation and training - reporting through one {@link org.csrafiji.app.Progress}.
 * Plain Java over runtime, eval and train; it words no remedy in a front end's terms.
 */
package org.csrafiji.app;
