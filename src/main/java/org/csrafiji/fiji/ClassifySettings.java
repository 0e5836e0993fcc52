package org.csrafiji.fiji;

import org.csrafiji.core.CsraException;
import org.csrafiji.image.ConversionOptions;
import org.csrafiji.image.IntensityScaling;
import org.csrafiji.runtime.DeviceChoice;

import java.io.File;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What every CSRA command needs to classify: the model file, the device, the score
 * threshold and how pixels become input.
 *
 * @param modelFile a model spec (.json) or a checkpoint
 * @param device the device request
 * @param threshold a class is predicted when its score exceeds this (0 &lt; t &lt; 1)
 * @param conversion scaling, slices and selection
 */
public record ClassifySettings(Path modelFile, DeviceChoice device, double threshold,
	ConversionOptions conversion)
{

	/** The scaling choices as the commands show them. */
	public static final String DISPLAY_RANGE = "display range";

	/** Per-slice minimum and maximum. */
	public static final String SLICE_MIN_MAX = "slice min-max";

	/** Checks the threshold and the model file. */
	public ClassifySettings {
		if (modelFile == null) {
			throw new CsraException("No model was chosen; pick an installed model in model, or"
				+ " '" + InstalledModels.FILE_CHOICE
				+ "' and a model spec (.json) or checkpoint (.pth)"
				+ " in model_file.");
		}
		if (!(threshold > 0 && threshold < 1)) {
			throw new CsraException("threshold must lie between 0 and 1 (exclusive); got "
				+ threshold + ".");
		}
	}

	/**
	 * Builds settings from command parameters.
	 *
	 * @param modelFile the model file parameter, may be null
	 * @param device auto, cpu, gpu or gpu:N
	 * @param threshold the score threshold
	 * @param allSlices every z and t, or the current one
	 * @param useSelection classify the selection's bounding box
	 * @param scaling {@link #DISPLAY_RANGE} or {@link #SLICE_MIN_MAX}
	 * @return the settings
	 */
	public static ClassifySettings of(File modelFile, String device, double threshold,
		boolean allSlices, boolean useSelection, String scaling)
	{
		ConversionOptions c = ConversionOptions.defaults().withScaling(scaling(scaling))
			.withAllSlices(allSlices).withUseSelection(useSelection);
		return new ClassifySettings(modelFile == null ? null : modelFile.toPath(), DeviceChoice
			.parse(device == null ? "auto" : device), threshold, c);
	}

	/**
	 * @param text a scaling choice
	 * @return the scaling
	 */
	public static IntensityScaling scaling(String text) {
		String t = text == null ? DISPLAY_RANGE : text.strip().toLowerCase(Locale.ROOT);
		if (t.isEmpty() || t.equals(DISPLAY_RANGE) || t.equals("display_range")) {
			return IntensityScaling.DISPLAY_RANGE;
		}
		if (t.equals(SLICE_MIN_MAX) || t.equals("slice_min_max")) {
			return IntensityScaling.SLICE_MIN_MAX;
		}
		throw new CsraException("Unknown scaling '" + text + "'; use '" + DISPLAY_RANGE
			+ "' or '" + SLICE_MIN_MAX + "'.");
	}
}
