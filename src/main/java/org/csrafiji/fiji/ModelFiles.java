package org.csrafiji.fiji;

import org.csrafiji.app.ModelRequest;
import org.csrafiji.app.ModelResolver;
import org.csrafiji.core.ModelSpecException;
import org.csrafiji.runtime.CsraModel;
import org.csrafiji.runtime.DeviceChoice;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a user's model file means: a spec ({@code .json}, naming its checkpoint) or a bare
 * checkpoint, whose head kind, head count, class count (generic names) and ResNet depth are
 * read from the file itself.
 */
final class ModelFiles {

	private ModelFiles() {}

	/**
	 * @param file a spec or a checkpoint
	 * @return whether it is read as a spec
	 */
	public static boolean isSpec(Path file) {
		return ModelRequest.isSpec(file);
	}

	/**
	 * Loads the model a file describes.
	 *
	 * @param file a spec (.json) or a checkpoint (.pth, .safetensors)
	 * @param device where to load it
	 * @return the loaded model
	 */
	public static CsraModel load(Path file, DeviceChoice device) {
		if (file == null || !Files.isRegularFile(file)) {
			throw new ModelSpecException("The model file '" + file + "' does not exist; choose a"
				+ " model spec (.json) or a checkpoint (.pth) in model_file.");
		}
		return ModelResolver.load(ModelRequest.file(file, device).withDownloadAdvice(
			InstalledSpec.DOWNLOAD_COMMAND + " (" + downloadInput(file) + ")"));
	}

	/** @return model=NAME when the spec is the installed one of that name, else model_file=FILE */
	private static String downloadInput(Path spec) {
		String name = stripExtension(spec);
		boolean installed = InstalledModels.find().named(name).map(s -> s.file().toAbsolutePath()
			.normalize().equals(spec.toAbsolutePath().normalize())).orElse(false);
		return installed ? "model=" + name : "model_file=" + spec;
	}

	private static String stripExtension(Path file) {
		String n = file.getFileName().toString();
		int dot = n.lastIndexOf('.');
		return dot > 0 ? n.substring(0, dot) : n;
	}
}
