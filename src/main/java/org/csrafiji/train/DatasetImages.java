package org.csrafiji.train;

import java.awt.Rectangle;

import ij.ImagePlus;
import ij.gui.Roi;
import ij.plugin.Duplicator;
import ij.process.ImageProcessor;

import org.csrafiji.core.ImageInputException;
import org.csrafiji.eval.CropBox;
import org.csrafiji.eval.Sample;
import org.csrafiji.image.ConversionOptions;
import org.csrafiji.image.ImageFiles;

/**
 * Opens the image a dataset {@link Sample} stands for, cropped to its box when it has one (a
 * WIDER-Attribute person). The crop is the one Pillow's {@code Image.crop((x, y, x + w, y + h))}
 * makes in the official code: each edge rounded half to even, and parts of the box outside the
 * image filled with zeros (black). For a stack or hyperstack the box is clipped to the image
 * instead of padded.
 */
public final class DatasetImages {

	/**
	 * How a dataset's images become model input, for evaluation and training alike: the defaults,
	 * with crops of any size (a WIDER person box may be a few pixels wide).
	 */
	public static final ConversionOptions CONVERSION = ConversionOptions.defaults()
		.withMinimumSide(1);

	private DatasetImages() {}

	/**
	 * @param sample the sample
	 * @return its image, a new one for a crop; the file is opened afresh on every call
	 * @throws ImageInputException when ImageJ cannot open the file or the box misses the image
	 */
	public static ImagePlus open(Sample sample) {
		ImagePlus imp;
		try {
			imp = ImageFiles.open(sample.image());
		}
		catch (ImageInputException e) {
			throw new ImageInputException("Sample '" + sample.key() + "': " + e.getMessage()
				+ " Or leave the sample out of the labels.", e);
		}
		return sample.crop().isPresent() ? crop(imp, sample.crop().get(), sample) : imp;
	}

	/**
	 * @param box a crop box
	 * @return the pixel rectangle Pillow crops for it: edges rounded half to even
	 */
	public static Rectangle pixels(CropBox box) {
		int x0 = (int) Math.rint(box.x());
		int y0 = (int) Math.rint(box.y());
		int x1 = (int) Math.rint(box.x() + box.width());
		int y1 = (int) Math.rint(box.y() + box.height());
		return new Rectangle(x0, y0, x1 - x0, y1 - y0);
	}

	private static ImagePlus crop(ImagePlus imp, CropBox box, Sample sample) {
		Rectangle r = pixels(box);
		Rectangle inside = r.intersection(new Rectangle(imp.getWidth(), imp.getHeight()));
		if (r.isEmpty() || inside.isEmpty()) {
			throw new ImageInputException(
				"The box " + box + " of sample '" + sample.key() + "' does not"
					+ " overlap its " + imp.getWidth() + " x " + imp.getHeight() + " image "
					+ sample.image()
					+ "; correct the box in the annotation file.");
		}
		String title = sample.key();
		if (imp.getStackSize() > 1) {
			imp.setRoi(new Roi(inside));
			ImagePlus part = new Duplicator().run(imp);
			part.setTitle(title);
			return part;
		}
		ImageProcessor source = imp.getProcessor();
		source.setRoi(inside);
		ImageProcessor overlap = source.crop();
		ImageProcessor padded = source.createProcessor(r.width, r.height);
		padded.insert(overlap, inside.x - r.x, inside.y - r.y);
		ImagePlus out = new ImagePlus(title, padded);
		out.setCalibration(imp.getCalibration());
		return out;
	}
}
