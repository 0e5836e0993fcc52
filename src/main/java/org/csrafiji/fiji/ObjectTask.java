package org.csrafiji.fiji;

import org.csrafiji.render.ResultsTables;
import ij.ImagePlus;
import ij.WindowManager;
import ij.gui.Overlay;
import ij.gui.Roi;
import ij.measure.ResultsTable;
import ij.plugin.frame.RoiManager;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.csrafiji.app.objects.ImageObject;
import org.csrafiji.app.objects.ImageObjects;
import org.csrafiji.app.objects.ObjectClassification;
import org.csrafiji.app.objects.ObjectRow;
import org.csrafiji.core.CsraException;
import org.csrafiji.image.ImageFiles;
import org.csrafiji.image.ObjectCrop;
import org.csrafiji.runtime.CsraModel;

/**
 * "CSRA Classify ROIs": every object of the image's current plane classified on its own
 * ({@link ObjectClassification}: a crop with a context margin, aspect ratio kept by padding,
 * in batches). The objects are the ROIs of the ROI Manager (with a UI, when it holds any),
 * else of the image's Overlay (the ROI Manager does not exist headless), or every label of a
 * label image. Gives the "CSRA Objects" table and outlines each object on the Overlay in its
 * top class's colour ({@link ObjectOverlay}). The image's pixels are only read.
 */
public final class ObjectTask {

	private ObjectTask() {}

	/**
	 * @param service the model service
	 * @param imp the image
	 * @param settings model, device, threshold, scaling
	 * @param options the objects' source, crop, batch, channels, percentiles
	 * @param feedback progress, log, cancellation (between batches)
	 * @return the table, one row per object classified (fewer when cancelled)
	 */
	public static ResultsTable run(CsraService service, ImagePlus imp,
		ClassifySettings settings, ObjectOptions options, Feedback feedback)
	{
		ImageInputs.require(imp);
		List<Roi> rois = null;
		List<ImageObject> objects;
		ObjectCrop crop;
		try {
			crop = new ObjectCrop(options.margin(), options.minimumSide());
			if (options.labelImage() == null || options.labelImage().isBlank()) {
				rois = rois(imp);
				objects = ImageObjects.fromRois(rois);
			}
			else {
				objects = ImageObjects.fromLabels(labels(options.labelImage().strip(), imp)
					.getProcessor());
			}
		}
		catch (IllegalArgumentException e) {
			throw new CsraException(e.getMessage(), e);
		}
		if (objects.isEmpty()) {
			throw new CsraException("The label image " + options.labelImage() + " holds no label"
				+ " (every pixel is 0); give a label image with one value per object.");
		}
		CsraModel model = LoadedModels.get(service, settings, feedback);
		ObjectClassification classifier;
		List<ObjectRow> rows;
		try {
			classifier = new ObjectClassification(model, RegionInputs.conversion(settings, options
				.channels(), options.percentiles()), crop, !options.withNeighbours());
			rows = classifier.run(imp, RegionInputs.current(imp), objects, options.batch(),
				RegionInputs.progress(feedback, "objects"));
		}
		catch (IllegalArgumentException e) { // a batch below 1, an object outside the image
			throw new CsraException(e.getMessage(), e);
		}
		feedback.info("CSRA: " + rows.size() + " objects classified on " + imp.getTitle() + ".");
		if (rows.size() < objects.size()) {
			feedback.warn("CSRA: cancelled; " + rows.size() + " of " + objects.size()
				+ " objects of " + imp.getTitle() + " were classified.");
		}
		ObjectOverlay.write(imp, model.spec().classes(), rows, rois);
		ResultsTable rt = RegionTables.objects(model.spec().classes(), rows, settings
			.threshold());
		feedback.finished();
		return rt;
	}

	/**
	 * @return the area ROIs of the ROI Manager (with a UI, when it holds any), else of the
	 *         Overlay; never the outlines CSRA added
	 */
	private static List<Roi> rois(ImagePlus imp) {
		List<Roi> out = new ArrayList<>();
		RoiManager rm = ResultsTables.hasUi() ? RoiManager.getInstance() : null;
		if (rm != null) {
			addOwn(out, rm.getRoisAsArray());
		}
		Overlay overlay = imp.getOverlay();
		if (out.isEmpty() && overlay != null) {
			addOwn(out, overlay.toArray());
		}
		if (out.isEmpty()) {
			throw new CsraException("No ROIs to classify on " + imp.getTitle() + ": add the"
				+ " objects' outlines to the image's Overlay (Image > Overlay > Add Selection, or"
				+ " Analyze Particles with 'Overlay')" + (ResultsTables.hasUi()
					? " or to the ROI Manager"
					: "")
				+ ", or give a label image in label_image.");
		}
		return out;
	}

	private static void addOwn(List<Roi> out, Roi[] rois) {
		for (Roi r : rois) {
			if (!ObjectOverlay.added(r)) {
				out.add(r);
			}
		}
	}

	/** @return the open image of that title, else the image file at that path */
	private static ImagePlus labels(String name, ImagePlus imp) {
		ImagePlus labels = WindowManager.getImage(name);
		if (labels == null) {
			Path file = path(name);
			if (file == null || !Files.isRegularFile(file)) {
				throw new CsraException("label_image '" + name + "' is neither the title of an open"
					+ " image nor an image file; open the label image, or give its path.");
			}
			labels = ImageFiles.open(file);
		}
		if (labels == imp) {
			throw new CsraException("label_image is the image being classified; give the label"
				+ " image (one value per object, 0 for background) of the same size.");
		}
		if (labels.getWidth() != imp.getWidth() || labels.getHeight() != imp.getHeight()
			|| labels.getType() == ImagePlus.COLOR_RGB)
		{
			throw new CsraException("label_image '" + name + "' must be a grey label image of the"
				+ " same size as " + imp.getTitle() + " (" + imp.getWidth() + " x "
				+ imp.getHeight()
				+ "), not a " + labels.getWidth() + " x " + labels.getHeight() + (labels
					.getType() == ImagePlus.COLOR_RGB ? " RGB" : "")
				+ " image.");
		}
		return labels;
	}

	private static Path path(String name) {
		try {
			return Path.of(name);
		}
		catch (InvalidPathException e) {
			return null;
		}
	}
}
