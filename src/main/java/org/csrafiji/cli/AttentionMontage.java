package org.csrafiji.cli;

import ij.ImagePlus;
import ij.process.ColorProcessor;
import ij.process.ImageProcessor;

import org.csrafiji.fiji.AttentionOverlayWriter;
import org.csrafiji.fiji.AttentionSettings;
import org.csrafiji.fiji.ClassMap;
import org.csrafiji.fiji.ClassifiedImage;

import java.awt.Color;
import java.awt.Font;
import java.util.List;
import java.util.Locale;

/**
 * One picture per image for people to look at: the image itself, then one panel per shown
 * class with that class's heat map and outline drawn by {@link AttentionOverlayWriter} (the
 * same overlays as the Fiji command), captioned "class score". Small images are enlarged so
 * that the panels are at least {@value #MIN_SIDE} pixels high. The source image is not
 * changed: each panel draws on a copy.
 */
final class AttentionMontage {

	/** Minimum panel height in pixels. */
	static final int MIN_SIDE = 256;

	private static final int GAP = 4;

	private AttentionMontage() {}

	/**
	 * @param ci the classified image
	 * @param maps the classes to show, in order
	 * @param settings heat-map opacity and outline threshold
	 * @return the montage
	 */
	static ImagePlus render(ClassifiedImage ci, List<ClassMap> maps, AttentionSettings settings) {
		ImagePlus imp = ci.image();
		double scale = Math.max(1, (double) MIN_SIDE / imp.getHeight());
		int w = (int) Math.round(imp.getWidth() * scale);
		int h = (int) Math.round(imp.getHeight() * scale);
		int panels = 1 + maps.size();
		ColorProcessor out = new ColorProcessor(panels * w + (panels - 1) * GAP, h);
		out.setColor(Color.WHITE);
		out.fill();
		out.insert(panel(copyOf(imp), w, h, "image"), 0, 0);
		for (int i = 0; i < maps.size(); i++) {
			ClassMap m = maps.get(i);
			ImagePlus copy = copyOf(imp);
			new AttentionOverlayWriter().write(new ClassifiedImage(copy, ci.region(), ci.slices(),
				ci.complete()), List.of(m), settings);
			String caption = String.format(Locale.ROOT, "%s %.2f", m.className(), m.score());
			out.insert(panel(copy.flatten(), w, h, caption), (i + 1) * (w + GAP), 0);
		}
		return new ImagePlus(imp.getTitle() + " attention", out);
	}

	private static ImagePlus copyOf(ImagePlus imp) {
		ImagePlus copy = new ImagePlus(imp.getTitle(), imp.getProcessor().duplicate());
		copy.setCalibration(imp.getCalibration());
		return copy;
	}

	private static ImageProcessor panel(ImagePlus flat, int w, int h, String caption) {
		ImageProcessor ip = flat.getProcessor().convertToRGB();
		ip.setInterpolationMethod(ImageProcessor.BILINEAR);
		ImageProcessor big = ip.getWidth() == w && ip.getHeight() == h ? ip : ip.resize(w, h);
		big.setFont(new Font(Font.SANS_SERIF, Font.BOLD, Math.max(12, h / 16)));
		big.setAntialiasedText(true);
		big.setColor(Color.WHITE);
		big.drawString(caption, 4, big.getFontMetrics().getHeight() + 2, Color.BLACK);
		return big;
	}
}
