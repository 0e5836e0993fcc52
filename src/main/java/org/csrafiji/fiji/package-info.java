/**
 * CSRA inside Fiji: the SciJava service {@link org.csrafiji.fiji.CsraService} (implemented by
 * {@link org.csrafiji.fiji.DefaultCsraService}), the one holder of the models loaded in a
 * Context and the one call per use case that the commands and scripts make, returning result
 * objects ({@link org.csrafiji.fiji.Classification}, {@link org.csrafiji.app.BatchSummary},
 * {@link org.csrafiji.fiji.EvaluationReport}, ...); the settings records those calls take; the
 * package-private tasks behind them; the Model list of installed specs; and what ties the
 * commands into SciJava and Fiji: the dialog's model list
 * ({@link org.csrafiji.fiji.ModelChoiceWidget}), outputs kept from SciJava's display
 * ({@link org.csrafiji.fiji.ShownOutputs}), progress and Cancel
 * ({@link org.csrafiji.fiji.Feedback}) and the command runner without Fiji's launcher
 * ({@link org.csrafiji.fiji.HeadlessRunner}). How results look in ImageJ (tables, overlays,
 * plots) is {@link org.csrafiji.render}.
 */
package org.csrafiji.fiji;
