/**
 * CSRA inside Fiji: the SciJava service that keeps loaded models, the classification,
 * attention and batch tasks the commands call, and the writers that turn predictions into
 * ImageJ results (a ResultsTable, heat-map overlays and ROIs, attention stacks, CSV rows).
 */
package org.csrafiji.fiji;
