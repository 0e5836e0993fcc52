package org.csrafiji.fiji;

import org.csrafiji.app.download.WeightsAdvice;
import org.csrafiji.core.CsraException;
import org.csrafiji.core.ModelSpec;
import org.csrafiji.core.ModelSpecs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One spec file in the model list and whether it can run: ready, its weights missing (shown
 * as such, with how to get them), or unreadable (with why).
 *
 * @param name the spec's file name without .json, which is how users pick it
 * @param file the spec file
 * @param spec the spec, or null when it cannot be read
 * @param problem why it cannot run, or null when it is ready
 */
public record InstalledSpec(String name, Path file, ModelSpec spec, String problem) {

	/** What the list adds to a spec whose weights are missing. */
	public static final String WEIGHTS_MISSING = " (weights missing)";

	/** What the list adds to a spec that cannot be read. */
	public static final String UNREADABLE = " (unreadable spec)";

	/** How Fiji users download weights, for the messages. */
	static final String DOWNLOAD_COMMAND = "Plugins > CSRA > CSRA Download Weights";

	/**
	 * @param name the name it is listed under
	 * @param file the spec file
	 * @param maxBytes larger files are not read (a spec is a few kilobytes)
	 * @return the spec and its state
	 */
	static InstalledSpec read(String name, Path file, long maxBytes) {
		ModelSpec spec;
		try {
			if (Files.size(file) > maxBytes) {
				return new InstalledSpec(name, file, null,
					file + " is larger than " + (maxBytes >> 10)
						+ " KB, too large for a model spec; move it out of the models folder.");
			}
			spec = ModelSpecs.read(file);
		}
		catch (IOException e) {
			return new InstalledSpec(name, file, null,
				"Cannot read " + file + ": " + e.getMessage());
		}
		catch (CsraException e) {
			return new InstalledSpec(name, file, null, e.getMessage());
		}
		String problem = WeightsAdvice.missing(spec) ? missingWeights(spec, name) : null;
		return new InstalledSpec(name, file, spec, problem);
	}

	/**
	 * @param spec a spec whose checkpoint is missing
	 * @param name the name it is installed under
	 * @return the message Fiji shows: where the file must be and how to get it
	 */
	static String missingWeights(ModelSpec spec, String name) {
		return WeightsAdvice.missingWeights(spec, DOWNLOAD_COMMAND + " (model=" + name + ")");
	}

	/** @return whether the spec can run as it is */
	public boolean ready() {
		return problem == null;
	}

	/** @return whether only its weights are missing (a download can fix it) */
	public boolean weightsMissing() {
		return spec != null && problem != null;
	}

	/** @return how the list shows it: the name, and what keeps it from running */
	public String label() {
		return ready() ? name : name + (spec == null ? UNREADABLE : WEIGHTS_MISSING);
	}
}
