/**
 * CSRA inside Fiji: the SciJava service that keeps loaded models, the classification,
 * attention, batch and weights-download tasks the commands call, the Model list of installed
 * specs, and the writers that turn predictions into ImageJ results (a ResultsTable, heat-map
 * overlays and ROIs, attention stacks, CSV rows); and what ties the commands into SciJava and
 * Fiji: the dialog's model list ({@link org.csrafiji.fiji.ModelChoiceWidget}), outputs kept
 * from SciJava's display ({@link org.csrafiji.fiji.ShownOutputs}), progress and Cancel
 * ({@link org.csrafiji.fiji.Feedback}) and the command runner without Fiji's launcher
 * ({@link org.csrafiji.fiji.HeadlessRunner}).
 */
package org.csrafiji.fiji;
