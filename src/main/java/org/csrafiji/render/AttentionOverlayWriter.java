package org.csrafiji.render;

import org.csrafiji.app.AttentionSettings;
import org.csrafiji.app.ClassifiedImage;
import ij.ImagePlus;
import ij.gui.ImageRoi;
import ij.gui.Overlay;
import ij.gui.Roi;
import ij.plugin.RoiScaler;
import ij.gui.TextRoi;
import ij.plugin.filter.ThresholdToSelection;
import ij.plugin.frame.RoiManager;
import ij.process.ByteProcessor;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;

import org.csrafiji.app.AttentionSettings;
import org.csrafiji.app.ClassifiedImage;
import org.csrafiji.app.Labels;
import org.csrafiji.image.SlicePosition;

import java.awt.Color;
import java.awt.Font;
import java.awt.Rectangle;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;

/**
 * Puts attention maps on an image without touching its pixels. Per map, in the class's own
 * colour ({@link ClassColours}, the same on every image): a heat map ({@link ImageRoi}, with
 * the chosen opacity) that is transparent where the attention is below
 * {@link #TRANSPARENT_BELOW} of the map's range and runs from a dim to the full class colour
 * above, so that low attention leaves the image as it is and several classes stay apart; an
 * outline of where the map exceeds a fraction of its maximum, named "class (score)"; and that
 * name written at the outline's top left corner. A map reduced by {@link MapGrid} is drawn
 * stretched over the classified rectangle, its outline scaled to it. All carry the slice
 * position they belong to and go on the image's Overlay; the outlines also go to the ROI
 * Manager when there is a UI. Optionally a stack of the maps is made and shown, titled
 * {@code "CSRA Attention of <title>"}.
 * <p>
 * Every element it adds carries the property {@link #PROPERTY} (and, in the ROI Manager, the
 * image's ID in {@link #IMAGE_PROPERTY}); a later run on the same image first removes those
 * (and only those) from the Overlay and the ROI Manager, so runs replace each other's layers
 * instead of piling them up, while the user's own overlay elements and ROIs stay.
 */
public final class AttentionOverlayWriter {

	/** The Roi property that marks the overlay elements written here. */
	public static final String PROPERTY = "csra_attention";

	/** The Roi property that names the image an outline in the ROI Manager belongs to. */
	public static final String IMAGE_PROPERTY = "csra_image";

	/** Heat-map values below this fraction of the map's range (minimum to maximum) are not drawn. */
	public static final double TRANSPARENT_BELOW = 0.2;

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
			Color colour = ClassColours.of(m.classIndex());
			ImageRoi h = heatMap(m, colour, r, settings.opacity());
			add(h, imp, m, overlay);
			heat.add(h);
			Roi outline = outline(m, m.max(), settings.roiThreshold(), r, colour);
			if (outline != null) {
				add(outline, imp, m, overlay);
				outlines.add(outline);
				add(label(outline, colour, imp), imp, m, overlay);
			}
		}
		imp.setOverlay(overlay);
		if (ResultsTables.hasUi()) {
			replaceInRoiManager(imp, outlines);
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

	private static void add(Roi roi, ImagePlus imp, ClassMap m, Overlay overlay) {
		roi.setProperty(PROPERTY, "true");
		place(roi, imp, m.position());
		overlay.add(roi);
	}

	private static void removeEarlierLayers(Overlay overlay) {
		for (int i = overlay.size() - 1; i >= 0; i--) {
			if (overlay.get(i).getProperty(PROPERTY) != null) {
				overlay.remove(i);
			}
		}
	}

	/** Drops this image's outlines of earlier runs from the ROI Manager, then adds the new ones. */
	private static void replaceInRoiManager(ImagePlus imp, List<Roi> outlines) {
		RoiManager rm = RoiManager.getInstance();
		if (rm == null && outlines.isEmpty()) {
			return;
		}
		if (rm == null) {
			rm = RoiManager.getRoiManager();
		}
		List<Integer> stale = earlierOutlines(rm.getRoisAsArray(), imp.getID());
		for (int i = stale.size() - 1; i >= 0; i--) {
			rm.delete(stale.get(i));
		}
		for (Roi o : outlines) {
			Roi copy = (Roi) o.clone();
			copy.setProperty(IMAGE_PROPERTY, String.valueOf(imp.getID()));
			rm.addRoi(copy);
		}
	}

	/**
	 * @param rois the ROI Manager's ROIs
	 * @param imageId an image's ID
	 * @return the indices, ascending, of the outlines an earlier run put there for that image
	 */
	static List<Integer> earlierOutlines(Roi[] rois, int imageId) {
		List<Integer> out = new ArrayList<>();
		for (int i = 0; i < rois.length; i++) {
			if (rois[i].getProperty(PROPERTY) != null && String.valueOf(imageId).equals(rois[i]
				.getProperty(IMAGE_PROPERTY)))
			{
				out.add(i);
			}
		}
		return out;
	}

	/**
	 * @return the map as 8-bit levels: 0 (transparent) below {@link #TRANSPARENT_BELOW} of the
	 *         range, then 1 to 255 up to the maximum; all 0 for a flat map
	 */
	static byte[] levels(ClassMap m) {
		byte[] px = new byte[m.values().length];
		float max = m.max();
		float min = Math.min(m.min(), max);
		double floor = min + TRANSPARENT_BELOW * (max - min);
		if (max > floor) {
			for (int i = 0; i < px.length; i++) {
				double v = m.values()[i];
				if (v >= floor) {
					px[i] = (byte) (1 + Math.round(254 * Math.min(1, (v - floor) / (max - floor))));
				}
			}
		}
		return px;
	}

	private static ImageRoi heatMap(ClassMap m, Color colour, Rectangle r, double opacity) {
		ByteProcessor bp = new ByteProcessor(m.width(), m.height(), levels(m));
		bp.setLut(ClassColours.heat(colour));
		ImageRoi roi = new ImageRoi(r.x, r.y, bp);
		if (m.width() != r.width || m.height() != r.height) {
			// a reduced map (MapGrid): drawn stretched over the rectangle it covers
			roi.setBounds(new Rectangle2D.Double(r.x, r.y, r.width, r.height));
		}
		roi.setZeroTransparent(true);
		roi.setName(m.className());
		roi.setOpacity(opacity);
		return roi;
	}

	private static Roi outline(ClassMap m, float max, double fraction, Rectangle r,
		Color colour)
	{
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
		roi.setStrokeColor(colour);
		roi.setStrokeWidth(Math.max(1, Math.min(imageSide(r) / 200, 4)));
		return roi;
	}

	/** The outline's name in its colour on a dark band, at its top left corner. */
	private static TextRoi label(Roi outline, Color colour, ImagePlus imp) {
		Rectangle b = outline.getBounds();
		int size = Math.max(10, Math.min(imageSide(new Rectangle(imp.getWidth(), imp
			.getHeight())) / 25, 28));
		TextRoi t = new TextRoi(outline.getName(), b.x, b.y, new Font(Font.SANS_SERIF, Font.BOLD,
			size));
		t.setStrokeColor(colour);
		t.setFillColor(new Color(0, 0, 0, 150));
		Rectangle tb = t.getBounds();
		// inside the image: a label of an outline at the top edge goes below its corner
		t.setLocation(Math.min(Math.max(0, b.x), Math.max(0, imp.getWidth() - tb.width)), b.y
			- tb.height >= 0 ? b.y - tb.height : b.y);
		return t;
	}

	private static int imageSide(Rectangle r) {
		return Math.min(r.width, r.height);
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
