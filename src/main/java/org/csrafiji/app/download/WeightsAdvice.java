package org.csrafiji.app.download;

import org.csrafiji.core.ModelSpec;

import java.nio.file.Files;

/**
 * What every front end tells a user whose spec's weights are missing: where the file must be,
 * where it is published, and how to get it (the front end words the download command).
 */
public final class WeightsAdvice {

	private WeightsAdvice() {}

	/**
	 * @param spec a model spec
	 * @return whether it names a checkpoint file that is not there
	 */
	public static boolean missing(ModelSpec spec) {
		return spec.checkpointFile().map(p -> !Files.isRegularFile(p)).orElse(false);
	}

	/**
	 * @param spec a spec whose checkpoint is missing
	 * @param download how this front end downloads, e.g. "Plugins > CSRA > CSRA Download Weights
	 *        (model=NAME)" or "java -jar csra.jar download --model SPEC"
	 * @return the message: what is missing, where it goes, and how to get it
	 */
	public static String missingWeights(ModelSpec spec, String download) {
		WeightsSource s = WeightsSource.of(spec);
		String what = "The weights of model '" + spec.name() + "' are not installed (no file at "
			+ s.target() + ").";
		if (s.fetchable()) {
			return what + " Get them with " + download + ", which downloads " + s.address()
				+ " and checks the file; or download it yourself and save it as " + s.target()
				+ ".";
		}
		if (s.address() != null) {
			return what + " They are published at " + s.address() + ", which needs a browser: open"
				+ " it, download the file and save it as " + s.target() + ".";
		}
		return what + " Its spec names no weights_url: save the checkpoint there, or choose"
			+ " another model.";
	}

	/**
	 * @param s a source that needs a browser
	 * @return what to do instead of an automatic download
	 */
	static String browserNeeded(WeightsSource s) {
		if (s.address() == null) {
			return "Model '" + s.model()
				+ "' has no weights_url in its spec, so there is nothing to"
				+ " download: save its checkpoint as " + s.target() + ".";
		}
		return "The weights of model '" + s.model() + "' are published at " + s.address()
			+ ", which needs a browser (it is a web page, not a file): open it, download the file"
			+ " and save it as " + s.target() + ".";
	}
}
