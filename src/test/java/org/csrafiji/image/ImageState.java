package org.csrafiji.image;

import ij.CompositeImage;
import ij.ImagePlus;
import ij.ImageStack;
import ij.gui.Roi;

import java.awt.Rectangle;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Everything about an ImagePlus that converting it must leave alone: a checksum of every
 * plane's pixels, display ranges (each channel's for a composite), position, current slice,
 * the selection object and its bounds, and the calibration. Compared with equals.
 */
record ImageState(long pixelChecksum, List<Double> displayRanges, int c, int z, int t,
	int currentSlice, Roi roi, Rectangle roiBounds, String calibration)
{

	static ImageState of(ImagePlus imp) {
		CRC32 crc = new CRC32();
		if (imp.getStackSize() == 1) {
			update(crc, imp.getProcessor().getPixels());
		}
		else {
			ImageStack stack = imp.getImageStack();
			for (int i = 1; i <= stack.getSize(); i++) {
				update(crc, stack.isVirtual() && i == imp.getCurrentSlice()
					? imp.getProcessor()
						.getPixels()
					: stack.getPixels(i));
			}
		}
		List<Double> ranges = new ArrayList<>(List.of(imp.getDisplayRangeMin(), imp
			.getDisplayRangeMax()));
		if (imp instanceof CompositeImage ci) {
			for (int c = 1; c <= imp.getNChannels(); c++) {
				ranges.add(ci.getChannelLut(c).min);
				ranges.add(ci.getChannelLut(c).max);
			}
		}
		Roi roi = imp.getRoi();
		return new ImageState(crc.getValue(), ranges, imp.getC(), imp.getZ(), imp.getT(), imp
			.getCurrentSlice(), roi, roi == null ? null : roi.getBounds(),
			imp.getCalibration()
				.toString() + imp.getCalibration().getFunction());
	}

	private static void update(CRC32 crc, Object pixels) {
		if (pixels instanceof byte[] b) {
			crc.update(b);
		}
		else if (pixels instanceof short[] s) {
			ByteBuffer buf = ByteBuffer.allocate(s.length * 2);
			buf.asShortBuffer().put(s);
			crc.update(buf);
		}
		else if (pixels instanceof float[] f) {
			ByteBuffer buf = ByteBuffer.allocate(f.length * 4);
			buf.asFloatBuffer().put(f);
			crc.update(buf);
		}
		else {
			int[] i = (int[]) pixels;
			ByteBuffer buf = ByteBuffer.allocate(i.length * 4);
			buf.asIntBuffer().put(i);
			crc.update(buf);
		}
	}
}
