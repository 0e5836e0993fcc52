package org.csrafiji.app.objects;

import ij.gui.Roi;
import ij.process.ImageProcessor;

import java.awt.Rectangle;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.csrafiji.image.ImageMask;

/** Finds the objects of ROIs and of label images. */
public final class ImageObjects {

	private ImageObjects() {}

	/**
	 * @param rois area ROIs (line and point ROIs are refused); unnamed ones are called by their
	 *          position in the list, from 1
	 * @return one object per ROI, with the centroid and area of its mask
	 * @throws IllegalArgumentException when a ROI is not an area
	 */
	public static List<ImageObject> fromRois(List<Roi> rois) {
		List<ImageObject> out = new ArrayList<>(rois.size());
		for (int i = 0; i < rois.size(); i++) {
			Roi roi = rois.get(i);
			String name = roi.getName() != null ? roi.getName() : String.valueOf(i + 1);
			if (!roi.isArea()) {
				throw new IllegalArgumentException(
					"ROI '" + name + "' is a " + roi.getTypeAsString()
						+ " selection, not an area; only area ROIs (rectangles, ovals, polygons,"
						+ " traced outlines) can be classified as objects.");
			}
			Rectangle b = roi.getBounds();
			ImageProcessor mask = roi.getMask();
			long area = 0;
			double sx = 0;
			double sy = 0;
			for (int y = 0; y < b.height; y++) {
				for (int x = 0; x < b.width; x++) {
					if (mask == null || mask.get(x, y) != 0) {
						area++;
						sx += b.x + x + 0.5;
						sy += b.y + y + 0.5;
					}
				}
			}
			if (area == 0) {
				throw new IllegalArgumentException("ROI '" + name + "' encloses no pixel; remove it"
					+ " or draw it larger.");
			}
			ImageMask within = (x, y) -> x >= b.x && y >= b.y && x < b.x + b.width && y < b.y
				+ b.height && (mask == null || mask.get(x - b.x, y - b.y) != 0);
			out.add(new ImageObject(name, b, sx / area, sy / area, area, within));
		}
		return List.copyOf(out);
	}

	/**
	 * One pass over a label image: every non-zero value is one object, named by its value.
	 * Only the objects' sums are held, not their pixels.
	 *
	 * @param labels an 8-bit, 16-bit or 32-bit label image (32-bit values must be whole
	 *          numbers)
	 * @return the objects, by increasing label
	 */
	public static List<ImageObject> fromLabels(ImageProcessor labels) {
		Map<Long, long[]> stats = new TreeMap<>();
		int w = labels.getWidth();
		int h = labels.getHeight();
		boolean floats = labels.getBitDepth() == 32;
		for (int y = 0; y < h; y++) {
			for (int x = 0; x < w; x++) {
				double v = floats ? labels.getf(x, y) : labels.get(x, y);
				if (v == 0 || Double.isNaN(v)) {
					continue;
				}
				if (v != Math.rint(v)) {
					throw new IllegalArgumentException("The label image holds " + v + " at " + x
						+ ","
						+ y
						+ "; labels are whole numbers (0 for background). Use a label image, e.g."
						+ " from StarDist or Analyze Particles' count masks.");
				}
				long[] s = stats.computeIfAbsent((long) v, k -> new long[]{Integer.MAX_VALUE,
					Integer.MAX_VALUE, -1, -1, 0, 0, 0});
				s[0] = Math.min(s[0], x);
				s[1] = Math.min(s[1], y);
				s[2] = Math.max(s[2], x);
				s[3] = Math.max(s[3], y);
				s[4]++;
				s[5] += x;
				s[6] += y;
			}
		}
		List<ImageObject> out = new ArrayList<>(stats.size());
		stats.forEach((label, s) -> out.add(new ImageObject(String.valueOf(label), new Rectangle(
			(int) s[0], (int) s[1], (int) (s[2] - s[0] + 1), (int) (s[3] - s[1] + 1)),
			s[5]
				/ (double) s[4] + 0.5,
			s[6] / (double) s[4] + 0.5, s[4], (x, y) -> (floats
				? labels
					.getf(x, y)
				: labels.get(x, y)) == label)));
		return List.copyOf(out);
	}
}
