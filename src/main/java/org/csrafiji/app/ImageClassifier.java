package org.csrafiji.app;

import org.csrafiji.runtime.CsraModel;
import org.csrafiji.runtime.SlicePrediction;

import ij.ImagePlus;

import org.csrafiji.core.Prediction;
import org.csrafiji.image.ConversionOptions;
import org.csrafiji.image.ImageConverter;
import org.csrafiji.image.ImageFiles;
import org.csrafiji.image.SlicePosition;

import java.util.Deque;
import java.util.concurrent.ConcurrentLinkedDeque;

import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Classifies ImageJ images with a model: each slice position is converted straight into a
 * direct input buffer and run through one forward pass that yields logits and attention.
 * The image is only read, never changed.
 */
public final class ImageClassifier {

	private final CsraModel model;
	private final ImageConverter converter;
	/**
	 * Input buffers not in use, reused across calls (direct buffers are costly to make): one
	 * per thread that classifies at the same time. They belong to this classifier, so they
	 * become garbage with it; a thread-local would keep each one in the thread's own map after
	 * the classifier is gone (Spark's task threads and SciJava's command threads live long and
	 * see a new classifier per task or run).
	 */
	private final Deque<FloatBuffer> idle = new ConcurrentLinkedDeque<>();

	/**
	 * @param model the model
	 * @param options how pixels become RGB input (scaling, channels, slices, selection)
	 */
	public ImageClassifier(CsraModel model, ConversionOptions options) {
		this.model = model;
		this.converter = new ImageConverter(model.spec().input(), options);
	}

	/** @return the converter (for the region and positions it uses) */
	public ImageConverter converter() {
		return converter;
	}

	/**
	 * @param imp the image
	 * @return one prediction per slice position the options select
	 */
	public List<SlicePrediction> classify(ImagePlus imp) {
		return classify(imp, () -> false);
	}

	/**
	 * @param file an image file ImageJ reads; opened, classified and closed
	 * @return one prediction per slice position the options select
	 * @throws org.csrafiji.core.ImageInputException when the file cannot be read as an image
	 */
	public List<SlicePrediction> classify(Path file) {
		ImagePlus imp = ImageFiles.open(file);
		try {
			return classify(imp);
		}
		finally {
			imp.close();
		}
	}

	/**
	 * @param imp the image
	 * @param cancelled checked between slices; when true, what is done so far is returned
	 * @return one prediction per slice position classified
	 */
	public List<SlicePrediction> classify(ImagePlus imp, BooleanSupplier cancelled) {
		List<SlicePrediction> out = new ArrayList<>();
		FloatBuffer buffer = take();
		try {
			for (SlicePosition pos : converter.positions(imp)) {
				if (cancelled.getAsBoolean()) {
					break;
				}
				out.add(new SlicePrediction(pos, classify(imp, pos, buffer)));
			}
		}
		finally {
			idle.push(buffer);
		}
		return out;
	}

	/**
	 * @param imp the image
	 * @param pos the slice position
	 * @param buffer a buffer from {@link CsraModel#newInputBuffer(int)} for one image
	 * @return the prediction
	 */
	public Prediction classify(ImagePlus imp, SlicePosition pos, FloatBuffer buffer) {
		buffer.clear();
		converter.toChw(imp, pos, buffer);
		return model.predict(buffer, 1).get(0);
	}

	/**
	 * @param imp the image
	 * @param pos the slice position
	 * @return the prediction, through an input buffer of this classifier
	 */
	public Prediction classify(ImagePlus imp, SlicePosition pos) {
		FloatBuffer buffer = take();
		try {
			return classify(imp, pos, buffer);
		}
		finally {
			idle.push(buffer);
		}
	}

	/**
	 * @param chw one slice already converted by {@link #converter()} (3 x size x size floats)
	 * @return the prediction, through an input buffer of this classifier
	 */
	public Prediction classify(float[] chw) {
		FloatBuffer buffer = take();
		try {
			buffer.clear();
			buffer.put(chw);
			buffer.clear();
			return model.predict(buffer, 1).get(0);
		}
		finally {
			idle.push(buffer);
		}
	}

	/** @return an idle input buffer, or a new one when all are in use */
	private FloatBuffer take() {
		FloatBuffer b = idle.poll();
		return b != null ? b : model.newInputBuffer(1);
	}

	/** @return how many input buffers are idle (for tests) */
	int idleBuffers() {
		return idle.size();
	}

	/** @return the idle input buffer the next call would use, or null (for tests) */
	FloatBuffer nextIdleBuffer() {
		return idle.peek();
	}
}
