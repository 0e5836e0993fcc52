package org.csrafiji.app.objects;

import ij.ImagePlus;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.csrafiji.app.tiles.Progress;
import org.csrafiji.core.ClassLabels;
import org.csrafiji.core.Prediction;
import org.csrafiji.image.ConversionOptions;
import org.csrafiji.image.Fit;
import org.csrafiji.image.ImageConverter;
import org.csrafiji.image.ObjectCrop;
import org.csrafiji.image.PlaneWindows;
import org.csrafiji.image.SlicePosition;
import org.csrafiji.runtime.CsraModel;
import org.csrafiji.runtime.PassLanes;

/**
 * Classifies objects of one plane: each object's crop ({@link ObjectCrop}) is read straight
 * into a batch buffer with its aspect ratio kept ({@link Fit#PAD} where the image's edge
 * leaves it non-square), intensity windows are taken once over the whole plane, and the
 * batches run through the model. The image is only read.
 */
public final class ObjectClassification {

	private final CsraModel model;
	private final ImageConverter converter;
	private final ObjectCrop crop;
	private final boolean alone;

	/**
	 * @param model the model
	 * @param options channels, scaling and percentiles
	 * @param crop the context margin and minimum crop side
	 * @param alone whether each object is shown alone, the rest of its crop (neighbours
	 *          included) replaced by the crop's mean outside the object; else the crop is read
	 *          as it is
	 */
	public ObjectClassification(CsraModel model, ConversionOptions options, ObjectCrop crop,
		boolean alone)
	{
		this.model = Objects.requireNonNull(model, "model");
		this.crop = Objects.requireNonNull(crop, "crop");
		this.alone = alone;
		converter = new ImageConverter(model.spec().input(), options);
	}

	/**
	 * @param imp the image
	 * @param pos the plane the objects lie on
	 * @param objects the objects
	 * @param batch objects per forward pass
	 * @param progress objects done, and cancel between batches
	 * @return one row per object classified, in the objects' order (fewer when cancelled)
	 */
	public List<ObjectRow> run(ImagePlus imp, SlicePosition pos, List<ImageObject> objects,
		int batch, Progress progress)
	{
		if (batch < 1) {
			throw new IllegalArgumentException("The batch size must be at least 1, not " + batch
				+ ".");
		}
		List<ObjectRow> rows = new ArrayList<>(objects.size());
		if (objects.isEmpty()) {
			return rows;
		}
		ClassLabels classes = model.spec().classes();
		double threshold = model.spec().threshold();
		PlaneWindows windows = converter.windows(imp, pos);
		FloatBuffer buffer = model.newInputBuffer(Math.min(batch, objects.size()));
		int done = 0;
		// on a CPU of several cores, each batch's images in passes side by side
		try (PassLanes lanes = PassLanes.forImages(model, objects.size())) {
			while (done < objects.size() && !progress.cancelled()) {
				int count = Math.min(batch, objects.size() - done);
				buffer.clear();
				for (int i = 0; i < count; i++) {
					ImageObject o = objects.get(done + i);
					converter.toChw(imp, pos, crop.of(o.bounds(), imp.getWidth(), imp.getHeight()),
						Fit.PAD, windows, alone ? o.mask() : null, buffer);
				}
				List<Prediction> predictions = lanes.predict(model, buffer, count);
				for (int i = 0; i < count; i++) {
					float[] s = predictions.get(i).scores();
					double[] scores = new double[s.length];
					List<String> labels = new ArrayList<>();
					int top = 0;
					for (int c = 0; c < s.length; c++) {
						scores[c] = s[c];
						if (s[c] > threshold) {
							labels.add(classes.name(c));
						}
						if (s[c] > s[top]) {
							top = c;
						}
					}
					rows.add(
						new ObjectRow(objects.get(done + i), classes.name(top), labels, scores));
				}
				done += count;
				progress.update(done, objects.size());
			}
		}
		return rows;
	}
}
