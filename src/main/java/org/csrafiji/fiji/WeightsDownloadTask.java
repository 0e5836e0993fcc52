package org.csrafiji.fiji;

import org.csrafiji.app.download.DownloadListener;
import org.csrafiji.app.download.DownloadResult;
import org.csrafiji.app.download.WeightsDownload;
import org.csrafiji.core.CsraException;
import org.csrafiji.core.ModelSpec;
import org.csrafiji.core.ModelSpecs;

import java.io.File;
import java.util.List;
import java.util.Locale;

/**
 * What "CSRA Download Weights" does: finds the spec (an installed name, or a spec file),
 * downloads its published weights with progress in the status bar, and says in the log what was
 * installed. Without a model it names the installed specs whose weights are missing.
 */
public final class WeightsDownloadTask {

	private final InstalledModels installed;
	private final WeightsDownload download;

	/**
	 * @param installed the listed specs
	 * @param download the downloader
	 */
	public WeightsDownloadTask(InstalledModels installed, WeightsDownload download) {
		this.installed = installed;
		this.download = download;
	}

	/**
	 * @param model an installed spec's name (or its list label); blank to use {@code file}
	 * @param file a spec file, used when {@code model} is blank
	 * @param feedback status bar, log and cancel
	 * @return one line saying what was installed
	 * @throws CsraException when there is nothing to download or the download fails
	 */
	public String run(String model, File file, Feedback feedback) {
		ModelSpec spec = spec(model, file);
		DownloadResult r;
		try {
			r = download.fetch(spec, statusBar(spec.name(), feedback), feedback::isCancelled);
		}
		finally {
			feedback.finished();
		}
		String line = r.alreadyInstalled()
			? "The weights of '" + spec.name()
				+ "' are already installed at " + r.file() + "; nothing was downloaded."
			: String.format(Locale.ROOT,
				"Installed the weights of '%s' at %s (%.1f MB%s, loads into"
					+ " %s; SHA-256 %s).",
				spec.name(), r.file(), r.bytes() / 1048576.0, r.resumed()
					? ", resumed"
					: "",
				spec.architecture(), r.sha256());
		feedback.info("CSRA Download Weights: " + line);
		return line;
	}

	private ModelSpec spec(String model, File file) {
		if (model != null && !model.isBlank()) {
			InstalledSpec s = installed.named(model).orElseThrow(() -> new CsraException(
				"No installed CSRA model is named '" + model + "'. " + missingList()));
			if (s.spec() == null) {
				throw new CsraException(s.problem());
			}
			return s.spec();
		}
		if (file != null && !file.getPath().isBlank()) {
			if (!ModelFiles.isSpec(file.toPath())) {
				throw new CsraException(
					file + " is not a model spec (.json); downloads need the spec"
						+ " that names the weights (weights_url) and where they go (checkpoint).");
			}
			return ModelSpecs.read(file.toPath());
		}
		throw new CsraException("Name the model whose weights to download (model=NAME) or its"
			+ " spec file (model_file=FILE). " + missingList());
	}

	/** @return the installed specs whose weights are missing, as a sentence */
	String missingList() {
		List<String> names = installed.specs().stream().filter(InstalledSpec::weightsMissing)
			.map(InstalledSpec::name).toList();
		return names.isEmpty()
			? "Every installed model has its weights."
			: "Installed models"
				+ " without weights: " + String.join(", ", names) + ".";
	}

	/** Progress in the status bar, redrawn when the per-mille figure changes. */
	private static DownloadListener statusBar(String name, Feedback feedback) {
		int[] shown = {-1};
		return (done, total) -> {
			int permille = total > 0 ? (int) (1000 * Math.min(done, total) / total) : 0;
			if (permille != shown[0] || total <= 0) {
				shown[0] = permille;
				feedback.progress(permille, 1000, String.format(Locale.ROOT,
					"CSRA: downloading %s, %.1f of %s MB", name, done / 1048576.0,
					total > 0
						? String
							.format(Locale.ROOT, "%.1f", total / 1048576.0)
						: "?"));
			}
		};
	}
}
