package org.csrafiji.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Rectangle;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.IJ;
import ij.ImagePlus;
import ij.process.ColorProcessor;

import org.csrafiji.core.ImageInputException;
import org.csrafiji.eval.CropBox;
import org.csrafiji.eval.LabelRow;
import org.csrafiji.eval.Sample;

/** {@link DatasetImages}: Pillow's crop, rounded half to even and padded with black. */
class DatasetImagesTest {

	@TempDir
	Path dir;

	private Path image() {
		ColorProcessor cp = new ColorProcessor(10, 6);
		for (int y = 0; y < 6; y++) {
			for (int x = 0; x < 10; x++) {
				cp.set(x, y, 0x010101 * (1 + 10 * y + x));
			}
		}
		Path file = dir.resolve("img.tif");
		IJ.saveAsTiff(new ImagePlus("img", cp), file.toString());
		return file;
	}

	private Sample crop(double x, double y, double w, double h) {
		return new Sample("img#0", image(), Optional.of(new CropBox(x, y, w, h)),
			LabelRow.allNegative(1));
	}

	@Test
	void edgesAreRoundedHalfToEvenAsPythonRounds() {
		assertEquals(new Rectangle(2, 0, 2, 4),
			DatasetImages.pixels(new CropBox(2.5, 0.5, 1.5, 3.6)));
		assertEquals(new Rectangle(4, 2, 1, 1),
			DatasetImages.pixels(new CropBox(3.5, 1.5, 1.2, 1.1)));
	}

	@Test
	void cropInsideTheImageCopiesItsPixels() {
		ImagePlus c = DatasetImages.open(crop(3, 2, 4, 3));
		assertEquals(4, c.getWidth());
		assertEquals(3, c.getHeight());
		assertEquals(0x010101 * (1 + 10 * 2 + 3), c.getProcessor().get(0, 0) & 0xffffff);
		assertEquals(0x010101 * (1 + 10 * 4 + 6), c.getProcessor().get(3, 2) & 0xffffff);
	}

	@Test
	void partsOutsideTheImageAreBlack() {
		ImagePlus c = DatasetImages.open(crop(-2, -1, 5, 3));
		assertEquals(5, c.getWidth());
		assertEquals(0, c.getProcessor().get(0, 0) & 0xffffff);
		assertEquals(0, c.getProcessor().get(1, 2) & 0xffffff);
		assertEquals(0x010101, c.getProcessor().get(2, 1) & 0xffffff);
	}

	@Test
	void boxOutsideTheImageAndUnreadableFilesAreErrorsNamingTheSample() {
		ImageInputException outside = assertThrows(ImageInputException.class,
			() -> DatasetImages.open(
				crop(20, 0, 5, 5)));
		assertTrue(outside.getMessage().contains("'img#0'"), outside.getMessage());
		Sample missing = Sample.whole(dir.resolve("none.png"), LabelRow.allNegative(1));
		ImageInputException unreadable = assertThrows(ImageInputException.class,
			() -> DatasetImages.open(
				missing));
		assertTrue(unreadable.getMessage().contains("none.png"), unreadable.getMessage());
	}
}
