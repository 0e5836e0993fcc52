/**
 * The microscopy-scale demo: a synthetic slide of the demo model's scenes at native scale
 * ({@link org.csrafiji.train.synthetic.SyntheticSlide}), classified tile by tile and object
 * by object, and scored against the known objects: tile-level mAP and per-object accuracy.
 */
package org.csrafiji.app.slide;
