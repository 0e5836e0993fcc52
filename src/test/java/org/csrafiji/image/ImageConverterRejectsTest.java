package org.csrafiji.image;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.gui.Roi;
import ij.process.ByteProcessor;
import ij.process.FloatProcessor;

import java.util.Arrays;

import org.csrafiji.core.ImageInputException;
import org.csrafiji.core.InputSpec;
import org.junit.jupiter.api.Test;

/** Inputs that cannot be classified fail with a message that says what, why and what to do. */
class ImageConverterRejectsTest {

	private static final ImageConverter CONVERTER = new ImageConverter(InputSpec.unitRange(32),
		ConversionOptions.defaults());

	private static ImageInputException rejected(ImageConverter converter, ImagePlus imp,
		SlicePosition pos)
	{
		return assertThrows(ImageInputException.class, () -> converter.toChw(imp, pos));
	}

	private static ImageInputException rejected(ImagePlus imp) {
		return rejected(CONVERTER, imp, new SlicePosition(1, 1, 1));
	}

	@Test
	void rejectsOnePixelImage() {
		String message = rejected(new ImagePlus("dot", new ByteProcessor(1, 1))).getMessage();
		assertTrue(message.contains("1 x 1") && message.contains("at least 8 x 8"), message);
	}

	@Test
	void rejectsImagesUnderEightPixelsOnEitherSide() {
		rejected(new ImagePlus("thin", new ByteProcessor(7, 100)));
		rejected(new ImagePlus("flat", new FloatProcessor(100, 7)));
	}

	@Test
	void rejectsSelectionUnderEightPixels() {
		ImagePlus imp = TestImages.gray16(100, 100, 1);
		imp.setRoi(new Roi(10, 10, 5, 5));
		String message = rejected(imp).getMessage();
		assertTrue(message.contains("selection") && message.contains("5 x 5"), message);
	}

	@Test
	void rejectsAllNanSliceWithEitherScaling() {
		float[] nan = new float[40 * 30];
		Arrays.fill(nan, Float.NaN);
		ImagePlus imp = new ImagePlus("nan", new FloatProcessor(40, 30, nan));
		String message = rejected(imp).getMessage();
		assertTrue(message.contains("no finite value"), message);
		ImageConverter minMax = new ImageConverter(InputSpec.unitRange(32), ConversionOptions
			.defaults().withScaling(IntensityScaling.SLICE_MIN_MAX));
		rejected(minMax, imp, new SlicePosition(1, 1, 1));
	}

	@Test
	void rejectsSelectionThatCoversOnlyNan() {
		float[] px = TestImages.floats(60, 60, 2, 0, 1);
		for (int y = 0; y < 20; y++) {
			Arrays.fill(px, y * 60, y * 60 + 20, Float.NaN);
		}
		ImagePlus imp = new ImagePlus("partly nan", new FloatProcessor(60, 60, px));
		imp.setRoi(new Roi(0, 0, 20, 20));
		rejected(imp);
	}

	@Test
	void rejectsPositionOutsideTheStack() {
		ImagePlus imp = TestImages.hyperstack16(20, 20, 1, 3, 1);
		String message = rejected(CONVERTER, imp, new SlicePosition(1, 5, 1)).getMessage();
		assertTrue(message.contains("3 slice(s)"), message);
	}

	@Test
	void rejectsChannelTheImageDoesNotHave() {
		ImagePlus imp = TestImages.hyperstack16(20, 20, 2, 1, 1);
		ImageConverter converter = new ImageConverter(InputSpec.unitRange(32), ConversionOptions
			.defaults().withRgbChannels(1, 2, 3));
		String message = rejected(converter, imp, new SlicePosition(1, 1, 1)).getMessage();
		assertTrue(message.contains("Channel 3") && message.contains("2 channel(s)"), message);
	}

	@Test
	void rejectsMalformedChannelChoices() {
		assertThrows(IllegalArgumentException.class, () -> ConversionOptions.defaults()
			.withRgbChannels(1, 2));
		assertThrows(IllegalArgumentException.class, () -> ConversionOptions.defaults()
			.withRgbChannels(1, -1, 2));
		assertThrows(IllegalArgumentException.class, () -> ConversionOptions.defaults()
			.withRgbChannels(0, 0, 0));
	}
}
