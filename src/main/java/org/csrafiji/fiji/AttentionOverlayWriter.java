package org.csrafiji.fiji;

import ij.ImagePlus;
import ij.gui.ImageRoi;
import ij.gui.Overlay;
import ij.gui.Roi;
import ij.plugin.RoiScaler;
import ij.plugin.filter.ThresholdToSelection;
import ij.plugin.frame.RoiManager;
import ij.process.ByteProcessor;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;

import org.csrafiji.image.SlicePosition;

import java.awt.Color;
import java.awt.Rectangle;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;

/**
 * Puts attention maps on an image without touching its pixels: per map, a heat-map
 * {@link ImageRoi} (inferno LUT spanning the map's minimum to maximum, so even a flat map
 * shows its structure, with the chosen opacity; a map reduced by {@link MapGrid} is drawn
 * stretched over the classified rectangle, its outline scaled to it) named
 * after the class, and an outline of where the map exceeds a fraction of its maximum, named
 * "class (score)". Both carry the slice position they belong to, go on the image's Overlay,
 * and the outlines also go to the ROI Manager when there is a UI. Optionally a stack of the
 * maps is made and shown, titled {@code "CSRA Attention of <title>"}.
 * <p>
 * Every element it adds carries the property {@link #PROPERTY}; a later run on the same
 * image first removes those (and only those), so runs replace each other's layers instead of
 * stacking them, while the user's own overlay elements stay.
 */
public final class AttentionOverlayWriter {

	/** The Roi property that marks the overlay elements written here. */
	public static final String PROPERTY = "csra_attention";

	private static final Color OUTLINE = Color.CYAN;

	/**
	 * @param image the classified image; gets the overlay
	 * @param maps the maps to show (from {@link AttentionLayers})
	 * @param settings opacity, outline threshold, stack
	 * @return what was added
	 */
	public AttentionResult write(ClassifiedImage image, List<ClassMap> maps,
		AttentionSettings settings)
	{
		ImagePlus imp = image.image();
		Rectangle r = image.region();
		Overlay overlay = imp.getOverlay() == null ? new Overlay() : imp.getOverlay();
		removeEarlierLayers(overlay);
		List<ImageRoi> heat = new ArrayList<>();
		List<Roi> outlines = new ArrayList<>();
		for (ClassMap m : maps) {
			float max = m.max();
			ImageRoi h = heatMap(m, max, r, settings.opacity());
			mark(h);
			place(h, imp, m.position());
			overlay.add(h);
			heat.add(h);
			Roi outline = outline(m, max, settings.roiThreshold(), r);
			if (outline != null) {
				mark(outline);
				place(outline, imp, m.position());
				overlay.add(outline);
				outlines.add(outline);
			}
		}
		imp.setOverlay(overlay);
		if (ResultsTables.hasUi() && !outlines.isEmpty()) {
			RoiManager rm = RoiManager.getRoiManager();
			outlines.forEach(o -> rm.addRoi((Roi) o.clone()));
		}
		ImagePlus stack = null;
		if (settings.showStack() && !maps.isEmpty()) {
			stack = AttentionStacks.build(imp.getTitle(), maps);
			if (ResultsTables.hasUi()) {
				stack.show();
			}
		}
		return new AttentionResult(heat, outlines, stack);
	}

	private static void mark(Roi roi) {
		roi.setProperty(PROPERTY, "true");
	}

	private static void removeEarlierLayers(Overlay overlay) {
		for (int i = overlay.size() - 1; i >= 0; i--) {
			if (overlay.get(i).getProperty(PROPERTY) != null) {
				overlay.remove(i);
			}
		}
	}

	private static ImageRoi heatMap(ClassMap m, float max, Rectangle r, double opacity) {
		byte[] px = new byte[m.values().length];
		float min = Math.min(m.min(), max);
		float range = max - min;
		if (range > 0) {
			for (int i = 0; i < px.length; i++) {
				float v = (m.values()[i] - min) / range;
				px[i] = (byte) Math.round(255 * Math.max(0, Math.min(1, v)));
			}
		}
		ByteProcessor bp = new ByteProcessor(m.width(), m.height(), px);
		bp.setLut(HeatLut.inferno());
		ImageRoi roi = new ImageRoi(r.x, r.y, bp);
		if (m.width() != r.width || m.height() != r.height) {
			// a reduced map (MapGrid): drawn stretched over the rectangle it covers
			roi.setBounds(new Rectangle2D.Double(r.x, r.y, r.width, r.height));
		}
		roi.setName(m.className());
		roi.setOpacity(opacity);
		return roi;
	}

	private static Roi outline(ClassMap m, float max, double fraction, Rectangle r) {
		if (!(max > 0)) {
			return null;
		}
		FloatProcessor fp = new FloatProcessor(m.width(), m.height(), m.values().clone());
		fp.setThreshold(fraction * max, Float.MAX_VALUE, ImageProcessor.NO_LUT_UPDATE);
		Roi roi = new ThresholdToSelection().convert(fp);
		if (roi == null) {
			return null;
		}
		Rectangle b = roi.getBounds();
		double sx = (double) r.width / m.width();
		double sy = (double) r.height / m.height();
		if (sx != 1 || sy != 1) {
			roi = RoiScaler.scale(roi, sx, sy, false);
		}
		roi.setLocation(b.x * sx + r.x, b.y * sy + r.y);
		roi.setName(Labels.withScore(m.className(), m.score()));
		roi.setStrokeColor(OUTLINE);
		return roi;
	}

	private static void place(Roi roi, ImagePlus imp, SlicePosition pos) {
		if (imp.getNChannels() > 1 || imp.getNFrames() > 1) {
			roi.setPosition(0, pos.slice(), pos.frame());
		}
		else if (imp.getStackSize() > 1) {
			roi.setPosition(pos.slice());
		}
	}
}
