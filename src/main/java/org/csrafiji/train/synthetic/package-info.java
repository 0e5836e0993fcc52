/**
 * A deterministic synthetic multi-label image set for the demo model: simple object kinds at
 * random places, sizes and colours on noisy textured backgrounds, each object's pixel mask
 * kept so that attention maps can be checked (the pointing game).
 */
package org.csrafiji.train.synthetic;
