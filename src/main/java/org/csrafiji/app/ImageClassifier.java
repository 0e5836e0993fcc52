package org.csrafiji.app;

import org.csrafiji.runtime.CsraModel;
import org.csrafiji.runtime.InputBuffers;
import org.csrafiji.runtime.SlicePrediction;

import ij.ImagePlus;

import org.csrafiji.core.Prediction;
import org.csrafiji.image.ConversionOptions;
import org.csrafiji.image.ImageConverter;
import org.csrafiji.image.ImageFiles;
import org.csrafiji.image.SlicePosition;

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
	/** The model's single-image input buffers, shared by every classifier of the model. */
	private final InputBuffers buffers;

	/**
	 * @param model the model
	 * @param options how pixels become RGB input (scaling, channels, slices, selection)
	 */
	public ImageClassifier(CsraModel model, ConversionOptions options) {
		this.model = model;
		this.converter = new ImageConverter(model.spec().input(), options);
		this.buffers = model.singleImageBuffers();
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
		FloatBuffer buffer = buffers.take();
		try {
			for (SlicePosition pos : converter.positions(imp)) {
				if (cancelled.getAsBoolean()) {
					break;
				}
				out.add(new SlicePrediction(pos, classify(imp, pos, buffer)));
			}
		}
		finally {
			buffers.give(buffer);
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
	 * @return the prediction, through one of the model's input buffers
	 */
	public Prediction classify(ImagePlus imp, SlicePosition pos) {
		FloatBuffer buffer = buffers.take();
		try {
			return classify(imp, pos, buffer);
		}
		finally {
			buffers.give(buffer);
		}
	}

	/**
	 * @param chw one slice already converted by {@link #converter()} (3 x size x size floats)
	 * @return the prediction, through one of the model's input buffers
	 */
	public Prediction classify(float[] chw) {
		return model.predict(chw);
	}
}
