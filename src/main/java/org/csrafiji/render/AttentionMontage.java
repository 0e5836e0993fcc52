package org.csrafiji.render;

import ij.ImagePlus;
import ij.process.ColorProcessor;
import ij.process.ImageProcessor;

import org.csrafiji.app.AttentionSettings;
import org.csrafiji.app.ClassifiedImage;

import java.awt.Color;
import java.awt.Font;
import java.awt.Rectangle;
import java.util.List;
import java.util.Locale;

/**
 * One picture per image for people to look at: the image itself, then one panel per shown
 * class with that class's heat map and outline drawn by {@link AttentionOverlayWriter} (the
 * same overlays as the Fiji command), captioned "class score". Small images are enlarged so
 * that the panels are at least {@value #MIN_SIDE} pixels high; large ones are reduced so that
 * no panel side exceeds {@value #MAX_SIDE} pixels. The image is scaled to the panel size
 * first and the maps are drawn at that size, so the memory used follows the panels, not the
 * image (a 20000 x 20000 image gives 2048 x 2048 panels). The source image is not changed.
 */
public final class AttentionMontage {

	/** Minimum panel height in pixels. */
	static final int MIN_SIDE = 256;

	/** Maximum panel width and height in pixels. */
	static final int MAX_SIDE = 2048;

	/**
	 * Images up to this many pixels are reduced with averaging, which works on a float copy
	 * of the whole image; larger ones are sampled bilinearly.
	 */
	private static final long AVERAGING_LIMIT = 4096L * 4096;

	private static final int GAP = 4;

	private AttentionMontage() {}

	/**
	 * @param ci the classified image
	 * @param threshold score threshold for the predicted classes
	 * @param settings the classes to show, the head, heat-map opacity and outline threshold
	 * @return the montage
	 */
	public static ImagePlus render(ClassifiedImage ci, double threshold,
		AttentionSettings settings)
	{
		ImagePlus imp = ci.image();
		double scale = Math.max(1, (double) MIN_SIDE / imp.getHeight());
		scale = Math.min(scale, (double) MAX_SIDE / Math.max(imp.getWidth(), imp.getHeight()));
		int w = Math.max(1, (int) Math.round(imp.getWidth() * scale));
		int h = Math.max(1, (int) Math.round(imp.getHeight() * scale));
		ImageProcessor base = scaled(imp.getProcessor(), w, h);
		Rectangle r = ci.region();
		double sx = (double) w / imp.getWidth();
		double sy = (double) h / imp.getHeight();
		int x0 = (int) Math.floor(r.x * sx);
		int y0 = (int) Math.floor(r.y * sy);
		Rectangle region = new Rectangle(x0, y0, Math.max(1, Math.min(w, (int) Math.ceil((r.x
			+ r.width) * sx)) - x0), Math.max(1, Math.min(h, (int) Math.ceil((r.y + r.height) * sy))
				- y0));
		List<ClassMap> maps = AttentionLayers.select(ci, threshold, settings.classes(), settings
			.head(), new MapGrid(region.width, region.height));
		int panels = 1 + maps.size();
		ColorProcessor out = new ColorProcessor(panels * w + (panels - 1) * GAP, h);
		out.setColor(Color.WHITE);
		out.fill();
		out.insert(panel(new ImagePlus(imp.getTitle(), base.duplicate()), "image"), 0, 0);
		for (int i = 0; i < maps.size(); i++) {
			ClassMap m = maps.get(i);
			ImagePlus copy = new ImagePlus(imp.getTitle(), base.duplicate());
			new AttentionOverlayWriter().write(new ClassifiedImage(copy, region, ci.slices(), ci
				.complete()), List.of(m), settings);
			String caption = String.format(Locale.ROOT, "%s %.2f", m.className(), m.score());
			out.insert(panel(copy.flatten(), caption), (i + 1) * (w + GAP), 0);
		}
		return new ImagePlus(imp.getTitle() + " attention", out);
	}

	/** The image at panel size, with its LUT and display range. */
	private static ImageProcessor scaled(ImageProcessor ip, int w, int h) {
		if (ip.getWidth() == w && ip.getHeight() == h) {
			return ip.duplicate();
		}
		boolean average = (long) ip.getWidth() * ip.getHeight() <= AVERAGING_LIMIT && w < ip
			.getWidth();
		int before = ip.getInterpolationMethod();
		ip.setInterpolationMethod(ImageProcessor.BILINEAR);
		try {
			return ip.resize(w, h, average);
		}
		finally {
			ip.setInterpolationMethod(before); // the image stays as it was
		}
	}

	private static ImageProcessor panel(ImagePlus flat, String caption) {
		ImageProcessor ip = flat.getProcessor().convertToRGB();
		ip.setFont(new Font(Font.SANS_SERIF, Font.BOLD, Math.max(12, ip.getHeight() / 16)));
		ip.setAntialiasedText(true);
		ip.setColor(Color.WHITE);
		ip.drawString(caption, 4, ip.getFontMetrics().getHeight() + 2, Color.BLACK);
		return ip;
	}
}
