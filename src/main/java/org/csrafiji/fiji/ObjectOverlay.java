package org.csrafiji.fiji;

import org.csrafiji.render.AttentionOverlayWriter;
import org.csrafiji.render.ClassColours;
import org.csrafiji.app.Labels;
import ij.ImagePlus;
import ij.gui.Overlay;
import ij.gui.Roi;
import ij.plugin.filter.ThresholdToSelection;
import ij.process.ByteProcessor;
import ij.process.ImageProcessor;

import java.awt.Rectangle;
import java.util.List;

import org.csrafiji.app.objects.ImageObject;
import org.csrafiji.app.objects.ObjectRow;
import org.csrafiji.core.ClassLabels;

/**
 * Puts Classify ROIs' result on the image's Overlay: a copy of each object's outline in its
 * top class's colour ({@link ClassColours}, as the attention overlay colours that class),
 * named "object: class (score)". The copies carry {@value #PROPERTY}, so a new run replaces
 * them and they are never read back as objects; the user's ROIs and pixels are left as they
 * are.
 */
public final class ObjectOverlay {

	/** The property marking the outlines this class adds. */
	public static final String PROPERTY = "csra_object";

	private ObjectOverlay() {}

	/**
	 * @param imp the image
	 * @param classes the model's classes
	 * @param rows the objects classified
	 * @param outlines the objects' ROIs in the rows' order, or null to trace each outline from
	 *          its mask (label images)
	 */
	public static void write(ImagePlus imp, ClassLabels classes, List<ObjectRow> rows,
		List<Roi> outlines)
	{
		Overlay overlay = imp.getOverlay() == null ? new Overlay() : imp.getOverlay();
		for (int i = overlay.size() - 1; i >= 0; i--) {
			if (overlay.get(i).getProperty(PROPERTY) != null) {
				overlay.remove(i);
			}
		}
		for (int i = 0; i < rows.size(); i++) {
			ObjectRow row = rows.get(i);
			ImageObject o = row.object();
			Roi roi = outlines != null ? (Roi) outlines.get(i).clone() : traced(o);
			int top = classes.names().indexOf(row.top());
			roi.setStrokeColor(ClassColours.of(top));
			roi.setFillColor(null);
			roi.setName(o.name() + ": " + Labels.withScore(row.top(), (float) row.scores()[top]));
			roi.setProperty(PROPERTY, "true");
			overlay.add(roi);
		}
		imp.setOverlay(overlay);
	}

	/**
	 * @param roi a ROI
	 * @return whether it is an outline this class or the attention overlay added
	 */
	public static boolean added(Roi roi) {
		return roi.getProperty(PROPERTY) != null || roi.getProperty(
			AttentionOverlayWriter.PROPERTY) != null || roi.getProperty(
				AttentionOverlayWriter.IMAGE_PROPERTY) != null;
	}

	/** The outline of a label's pixels, traced within its bounding box. */
	private static Roi traced(ImageObject o) {
		Rectangle b = o.bounds();
		ByteProcessor bp = new ByteProcessor(b.width, b.height);
		for (int y = 0; y < b.height; y++) {
			for (int x = 0; x < b.width; x++) {
				if (o.mask().contains(b.x + x, b.y + y)) {
					bp.set(x, y, 255);
				}
			}
		}
		bp.setThreshold(255, 255, ImageProcessor.NO_LUT_UPDATE);
		Roi roi = ThresholdToSelection.run(new ImagePlus("label", bp));
		Rectangle r = roi.getBounds();
		roi.setLocation(b.x + r.x, b.y + r.y);
		return roi;
	}
}
