/**
 * CSRA inside Fiji: the SciJava service that keeps loaded models, the classification,
 * attention, batch and weights-download tasks the commands call, the Model list of installed
 * specs, and the writers that turn predictions into ImageJ results (a ResultsTable, heat-map
 * overlays and ROIs, attention stacks, CSV rows).
 */
package org.csrafiji.fiji;
