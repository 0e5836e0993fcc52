package org.csrafiji.fiji;

import org.csrafiji.runtime.CsraModel;
import org.csrafiji.runtime.Engines;

/**
 * Gets a model from the service and says in the log which device really runs it, with a
 * warning when a GPU was asked for and the CPU runs it.
 */
final class LoadedModels {

	private LoadedModels() {}

	/**
	 * @param service the model service
	 * @param settings the model file and device request
	 * @param feedback where the device is logged
	 * @return the (shared) model
	 */
	public static CsraModel get(CsraService service, ClassifySettings settings,
		Feedback feedback)
	{
		feedback.progress(0, 1, "CSRA: loading " + settings.modelFile().getFileName());
		CsraModel model = service.model(settings.modelFile(), settings.device());
		feedback.info("CSRA: model '" + model.spec().name() + "' (" + model.spec().architecture()
			+ ", " + model.spec().classes().size() + " classes) running on "
			+ org.csrafiji.runtime.DeviceChoice.describe(model.device())
			+ " [requested " + settings.device() + "; " + Engines.describe() + "]");
		warnIfNativesDiffer(feedback);
		model.notes().forEach(n -> feedback.info("CSRA: " + n));
		model.warnings().forEach(w -> feedback.warn("CSRA: " + w));
		return model;
	}

	/**
	 * Warns, once per run, when a GPU (or a local libtorch) was asked for and the engine runs on
	 * the CPU natives instead, saying why ({@link org.csrafiji.runtime.NativesCheck}).
	 *
	 * @param feedback where the warning goes
	 */
	public static void warnIfNativesDiffer(Feedback feedback) {
		Engines.natives().warning().ifPresent(w -> feedback.warn("CSRA: " + w));
	}
}
