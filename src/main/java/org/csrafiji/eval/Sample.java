package org.csrafiji.eval;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * One labelled input: an image, optionally a crop of it (a WIDER person), and its labels.
 * Whatever writes predictions for a sample should name it by {@link #key()} so that
 * {@link PredictionMatcher} finds it again.
 *
 * @param key the name predictions are matched by, see {@link SampleKeys}
 * @param image the image file
 * @param crop the region the classifier sees, or empty for the whole image
 * @param labels one state per class of the dataset
 */
public record Sample(String key, Path image, Optional<CropBox> crop, LabelRow labels) {

	/** Checks that nothing is null. */
	public Sample {
		Objects.requireNonNull(key, "key");
		Objects.requireNonNull(image, "image");
		Objects.requireNonNull(crop, "crop");
		Objects.requireNonNull(labels, "labels");
	}

	/**
	 * @param image the whole image, also giving the key
	 * @param labels one state per class
	 * @return the sample
	 */
	public static Sample whole(Path image, LabelRow labels) {
		return new Sample(SampleKeys.of(image.toString()), image, Optional.empty(), labels);
	}
}
