package org.csrafiji.app;

import ij.ImagePlus;

import org.csrafiji.core.ImageInputException;
import org.csrafiji.image.ConversionOptions;
import org.csrafiji.image.SlicePosition;
import org.csrafiji.runtime.CsraModel;
import org.csrafiji.runtime.SlicePrediction;

import java.awt.Rectangle;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The classify use case, for every front end: one image slice by slice (the slices the
 * conversion options select), reporting progress per slice and stopping between slices when the
 * user cancels. The image is only read. A batch prepares the next image ({@link #prepare}: its
 * positions and the model input of its first slices) on another thread while the model runs
 * the current one.
 */
public final class ImageClassification {

	/**
	 * An image ready to classify: its region and slice positions, and the model input of the
	 * first of them, converted ahead.
	 *
	 * @param image the image
	 * @param region the rectangle classified
	 * @param positions every position to classify, in order
	 * @param converted the input of the first positions (3 x size x size floats each), maybe none
	 */
	public record Prepared(ImagePlus image, Rectangle region, List<SlicePosition> positions,
		List<float[]> converted)
	{

		/** Copies the lists. */
		public Prepared {
			region = new Rectangle(region);
			positions = List.copyOf(positions);
			converted = List.copyOf(converted);
		}

		@Override
		public Rectangle region() {
			return new Rectangle(region);
		}
	}

	/**
	 * The most bytes of converted input an image prepared ahead holds (its first slices);
	 * further slices of a long stack are converted when they are classified.
	 */
	static final long AHEAD_BYTES = 64L << 20;

	private ImageClassification() {}

	/**
	 * @param classifier the classifier
	 * @return how many slices {@link #prepare} should convert ahead: as many as fit in
	 *         {@link #AHEAD_BYTES}, at least 1
	 */
	public static int slicesAhead(ImageClassifier classifier) {
		int size = classifier.converter().spec().size();
		return (int) Math.max(1, AHEAD_BYTES / (12L * size * size));
	}

	/**
	 * @param model the model
	 * @param imp the image, not null
	 * @param conversion how pixels become model input (scaling, channels, slices, selection)
	 * @param progress progress per slice, and cancellation
	 * @return the predictions; {@link ClassifiedImage#complete()} is false when cancelled
	 */
	public static ClassifiedImage run(CsraModel model, ImagePlus imp, ConversionOptions conversion,
		Progress progress)
	{
		ImageClassifier classifier = new ImageClassifier(model, conversion);
		return run(classifier, prepare(classifier, imp, 0), progress);
	}

	/**
	 * Finds an image's positions and converts the first of them; touches no engine state, so it
	 * may run on any thread.
	 *
	 * @param classifier the classifier whose converter to use
	 * @param imp the image, not null
	 * @param slices how many positions to convert now, at most (0 for none)
	 * @return the prepared image
	 */
	public static Prepared prepare(ImageClassifier classifier, ImagePlus imp, int slices) {
		if (imp == null) {
			throw new ImageInputException("No image is open; open an image (or select one) and"
				+ " run the command again.");
		}
		List<SlicePosition> positions = classifier.converter().positions(imp);
		int size = classifier.converter().spec().size();
		List<float[]> converted = new ArrayList<>();
		for (int i = 0; i < Math.min(slices, positions.size()); i++) {
			float[] chw = new float[3 * size * size];
			classifier.converter().toChw(imp, positions.get(i), FloatBuffer.wrap(chw));
			converted.add(chw);
		}
		return new Prepared(imp, classifier.converter().region(imp), positions, converted);
	}

	/**
	 * @param classifier the model and conversion
	 * @param p the image, prepared by {@link #prepare} with the same classifier
	 * @param progress progress per slice, and cancellation
	 * @return the predictions; {@link ClassifiedImage#complete()} is false when cancelled
	 */
	public static ClassifiedImage run(ImageClassifier classifier, Prepared p, Progress progress) {
		ImagePlus imp = p.image();
		List<SlicePosition> positions = p.positions();
		List<SlicePrediction> out = new ArrayList<>(positions.size());
		for (SlicePosition pos : positions) {
			if (progress.isCancelled()) {
				break;
			}
			progress.progress(out.size(), positions.size(), "classifying " + imp.getTitle()
				+ " (" + pos + ")");
			int i = out.size();
			out.add(new SlicePrediction(pos, i < p.converted().size()
				? classifier.classify(p
					.converted().get(i))
				: classifier.classify(imp, pos)));
		}
		progress.progress(positions.size(), positions.size(), "classified "
			+ imp.getTitle());
		return new ClassifiedImage(imp, p.region(), out, out.size() == positions.size());
	}
}
