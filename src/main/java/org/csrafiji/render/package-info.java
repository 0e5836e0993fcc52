/**
 * How CSRA results look in ImageJ, for every front end (Fiji commands, scripts and the command
 * line): the "CSRA Results" table and its rows ({@link org.csrafiji.render.ResultsTableWriter}),
 * metrics tables and precision-recall plots of an evaluation, the live training plot, and the
 * attention display: maps chosen and upsampled per class ({@link
 * org.csrafiji.render.AttentionLayers}), heat-map overlays with their LUT, outline ROIs and
 * stacks ({@link org.csrafiji.render.AttentionOverlayWriter}) and the command line's PNG montage.
 * Uses ImageJ 1.x only: nothing here depends on SciJava, so the command line can use it.
 */
package org.csrafiji.render;
