package org.csrafiji.app;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;

import org.csrafiji.core.ModelSpecBuilder;
import org.csrafiji.runtime.DeviceChoice;

/**
 * Which model a front end asks for, before anything is read: a spec file, a bare checkpoint, or
 * a spec whose checkpoint and settings are overridden. What the request leaves open is filled in
 * by {@link ModelResolver}: without a spec the checkpoint itself says its head kind, head count,
 * class count and ResNet depth; settings given here always win.
 *
 * @param spec a model spec ({@code .json}), or null for a bare checkpoint
 * @param checkpoint the weights, or null for the spec's own
 * @param overrides settings applied over the spec (and over what the checkpoint says)
 * @param device where to run it
 * @param downloadAdvice how the user of this front end fetches a spec's missing weights, e.g.
 *        {@code java -jar csra.jar download --model SPEC.json}
 */
public record ModelRequest(Path spec, Path checkpoint, Consumer<ModelSpecBuilder> overrides,
	DeviceChoice device, String downloadAdvice)
{

	/** Checks that there is something to load. */
	public ModelRequest {
		if (spec == null && checkpoint == null) {
			throw new IllegalArgumentException("a model request needs a spec or a checkpoint");
		}
		overrides = overrides == null ? b -> {
		} : overrides;
		device = Objects.requireNonNullElse(device, DeviceChoice.AUTO);
		downloadAdvice = Objects.requireNonNullElse(downloadAdvice, "a download");
	}

	/**
	 * @param file a spec ({@code .json}) or a checkpoint ({@code .pth}, {@code .safetensors})
	 * @param device where to run it
	 * @return a request for the model the file describes, with nothing overridden
	 */
	public static ModelRequest file(Path file, DeviceChoice device) {
		return isSpec(file)
			? new ModelRequest(file, null, null, device, null)
			: new ModelRequest(null, file, null, device, null);
	}

	/**
	 * @param file a model file
	 * @return whether it is read as a spec (its name ends with {@code .json})
	 */
	public static boolean isSpec(Path file) {
		return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
	}

	/**
	 * @param advice how this front end's user fetches missing weights
	 * @return this request with that advice
	 */
	public ModelRequest withDownloadAdvice(String advice) {
		return new ModelRequest(spec, checkpoint, overrides, device, advice);
	}
}
