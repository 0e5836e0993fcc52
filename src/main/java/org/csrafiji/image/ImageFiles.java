package org.csrafiji.image;

import ij.IJ;
import ij.ImagePlus;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.csrafiji.core.ImageInputException;

/**
 * Opens image files for classification with ImageJ, refusing with one clear message what
 * ImageJ cannot read instead of letting it print a stack trace: CMYK (and YCCK) JPEGs, which
 * Java's decoder rejects on a background thread, are recognised from their header first.
 */
public final class ImageFiles {

	/** Header bytes searched for the JPEG frame header. */
	private static final int HEADER_LIMIT = 1 << 20;

	private ImageFiles() {}

	/**
	 * @param file an image file
	 * @return the image
	 * @throws ImageInputException when the file is missing, a CMYK JPEG, or not an image ImageJ
	 *           reads
	 */
	public static ImagePlus open(Path file) {
		if (!Files.isRegularFile(file)) {
			throw new ImageInputException("Image '" + file + "' does not exist or is not a file;"
				+ " check the path.", null, null, file);
		}
		int components = jpegComponents(file);
		if (components == 4) {
			throw new ImageInputException("Image '" + file + "' is a CMYK JPEG (4 colour"
				+ " components), which ImageJ cannot read; save it as an RGB JPEG or PNG (e.g."
				+ " convert in.jpg -colorspace sRGB out.jpg) and classify that.", null, null, file);
		}
		ImagePlus imp = IJ.openImage(file.toString());
		if (imp == null) {
			throw new ImageInputException("ImageJ cannot open '" + file + "' as an image; give a"
				+ " TIFF, PNG, JPEG or another format ImageJ reads.", null, null, file);
		}
		return imp;
	}

	/**
	 * @param file a file
	 * @return the number of colour components its JPEG frame header declares, or 0 when it is
	 *         not a JPEG or has no frame header in its first {@value #HEADER_LIMIT} bytes
	 */
	static int jpegComponents(Path file) {
		try (InputStream in = Files.newInputStream(file)) {
			byte[] head = in.readNBytes(HEADER_LIMIT);
			return jpegComponents(head);
		}
		catch (IOException e) {
			return 0; // ImageJ reports unreadable files
		}
	}

	private static int jpegComponents(byte[] b) {
		if (b.length < 4 || (b[0] & 0xff) != 0xff || (b[1] & 0xff) != 0xd8) {
			return 0;
		}
		int i = 2;
		while (i + 4 <= b.length) {
			if ((b[i] & 0xff) != 0xff) {
				return 0;
			}
			int marker = b[i + 1] & 0xff;
			if (marker == 0xff) {
				i++; // fill byte
				continue;
			}
			int length = ((b[i + 2] & 0xff) << 8) | (b[i + 3] & 0xff);
			boolean frame = marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8
				&& marker != 0xcc;
			if (frame) {
				return i + 9 < b.length ? b[i + 9] & 0xff : 0;
			}
			if (marker == 0xda || length < 2) {
				return 0; // scan data before any frame header: not a valid JPEG
			}
			i += 2 + length;
		}
		return 0;
	}
}
