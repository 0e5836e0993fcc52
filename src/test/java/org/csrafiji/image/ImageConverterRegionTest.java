package org.csrafiji.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ij.ImagePlus;
import ij.process.ImageProcessor;
import ij.process.ShortProcessor;

import java.awt.Rectangle;
import java.nio.FloatBuffer;
import java.util.Arrays;

import org.csrafiji.core.ImageInputException;
import org.csrafiji.core.InputSpec;
import org.junit.jupiter.api.Test;

/**
 * Reading one rectangle (a tile, an object's crop) straight from the plane, checked against
 * the whole-image path run on a cropped copy, and padding, percentiles, masks and spec
 * channels against references computed here.
 */
class ImageConverterRegionTest {

	private static final int SIZE = 32;
	private static final InputSpec SPEC = new InputSpec(SIZE, new double[]{0.4, 0.5, 0.6},
		new double[]{0.2, 0.25, 0.3});
	private static final SlicePosition FIRST = new SlicePosition(1, 1, 1);

	@Test
	void aStretchedRegionEqualsTheWholeOfACroppedCopy() {
		Rectangle r = new Rectangle(13, 7, 70, 55);
		ConversionOptions minMax = ConversionOptions.defaults().withScaling(
			IntensityScaling.SLICE_MIN_MAX);
		for (ImagePlus imp : new ImagePlus[]{TestImages.gray8(120, 90, 1), TestImages.gray16(120,
			90, 2), TestImages.rgb(120, 90, 3)})
		{
			ImageConverter c = new ImageConverter(SPEC, minMax);
			float[] region = read(c, imp, r, Fit.STRETCH, null, null);
			float[] copy = c.toChw(copy(imp, r), FIRST);
			// the same pixels through the same arithmetic: equal bit for bit
			assertArrayEquals(copy, region, imp.getTitle());
		}
	}

	@Test
	void aPaddedRegionKeepsItsAspectAndPadsWithTheMean() {
		ImagePlus imp = TestImages.rgb(100, 60, 4);
		Rectangle r = new Rectangle(10, 10, 64, 32);
		ImageConverter c = new ImageConverter(SPEC, ConversionOptions.defaults());
		float[] padded = read(c, imp, r, Fit.PAD, null, null);
		// 64 x 32 into 32: 32 x 16, centred at rows 8 to 23; the content is the crop resized
		// exactly as Pillow does, normalised in float as torchvision does
		ImagePlus crop = copy(imp, r);
		int[] px = (int[]) crop.getProcessor().getPixels();
		for (int ch = 0; ch < 3; ch++) {
			byte[] band = new byte[px.length];
			for (int i = 0; i < px.length; i++) {
				band[i] = (byte) (px[i] >> (16 - 8 * ch));
			}
			byte[] small = Resampler.resize(band, 64, 32, 32, 16);
			float m = (float) SPEC.mean()[ch];
			float s = (float) SPEC.std()[ch];
			double sum = 0;
			for (int i = 0; i < small.length; i++) {
				float v = ((small[i] & 0xff) / 255f - m) / s;
				sum += v;
				assertEquals(v, padded[ch * SIZE * SIZE + (8 + i / 32) * SIZE + i % 32]);
			}
			// the mean of 512 floats summed in double, stored as float: within one float ulp
			float pad = padded[ch * SIZE * SIZE];
			assertEquals(sum / small.length, pad, Math.ulp(pad));
			assertEquals(pad, padded[ch * SIZE * SIZE + 31 * SIZE + 31]);
		}
	}

	@Test
	void percentilesEqualTheDisplayRangeAtTheReferencePercentiles() {
		ImagePlus imp16 = TestImages.gray16(80, 70, 5);
		ImagePlus imp8 = TestImages.gray8(80, 70, 6);
		for (ImagePlus imp : new ImagePlus[]{imp16, imp8}) {
			double[] sorted = PercentileWindowsTest.values(imp.getProcessor().getPixels(), Crop
				.whole(80, 70));
			double low = PercentileWindowsTest.reference(sorted, 1);
			double high = PercentileWindowsTest.reference(sorted, 99.8);
			// a 32-bit copy: ImageJ keeps its display range in double (16-bit ones are rounded)
			ImagePlus shown = new ImagePlus("shown", imp.getProcessor().convertToFloat());
			shown.setDisplayRange(low, high);
			float[] expected = new ImageConverter(SPEC, ConversionOptions.defaults()).toChw(shown,
				FIRST);
			float[] actual = new ImageConverter(SPEC, ConversionOptions.defaults().withPercentiles(
				Percentiles.STARDIST)).toChw(imp, FIRST);
			// windows equal to double rounding, so the [0, 1] values differ by float rounding
			// only: a few ulp of 1, divided by std >= 0.2
			assertArrayEquals(expected, actual, 1e-5f, imp.getTitle());
		}
	}

	@Test
	void aMaskShowsTheObjectOnItsLocalMean() {
		ImagePlus imp = TestImages.gray16(60, 60, 7);
		Rectangle r = new Rectangle(5, 5, 40, 40);
		ImageMask disc = (x, y) -> (x - 25) * (x - 25) + (y - 25) * (y - 25) < 100;
		ConversionOptions minMax = ConversionOptions.defaults().withScaling(
			IntensityScaling.SLICE_MIN_MAX);
		ImageConverter c = new ImageConverter(SPEC, minMax);
		PlaneWindows windows = c.windows(imp, FIRST);
		float[] masked = read(c, imp, r, Fit.STRETCH, windows, disc);
		// reference: a copy whose outside pixels hold the mean of the outside's [0, 1] values
		// (mapped back to a raw value on a 32-bit copy with the same window)
		double[] w = windows.window(1);
		short[] px = (short[]) imp.getProcessor().getPixels();
		float[] values = new float[px.length];
		double sum = 0;
		int n = 0;
		for (int y = r.y; y < r.y + r.height; y++) {
			for (int x = r.x; x < r.x + r.width; x++) {
				if (!disc.contains(x, y)) {
					sum += Math.min(1,
						Math.max(0, ((px[y * 60 + x] & 0xffff) - w[0]) / (w[1] - w[0])));
					n++;
				}
			}
		}
		for (int i = 0; i < px.length; i++) {
			values[i] = disc.contains(i % 60, i / 60)
				? (float) (((px[i] & 0xffff) - w[0]) / (w[1]
					- w[0]))
				: (float) (sum / n);
		}
		ImagePlus unit = TestImages.gray32(values, 60, 60);
		unit.setDisplayRange(0, 1);
		float[] expected = read(new ImageConverter(SPEC, ConversionOptions.defaults()), unit, r,
			Fit.STRETCH, null, null);
		// [0, 1] values rounded to float on two routes: about 1e-7, over std >= 0.2
		assertArrayEquals(expected, masked, 2e-6f);
	}

	@Test
	void specChannelsAreUsedWhenTheOptionsNameNone() {
		ImagePlus two = new ImagePlus("two", TestImages.gray8(40, 40, 8).getStack());
		two.getStack().addSlice("c2", TestImages.gray8(40, 40, 9).getProcessor());
		two.setDimensions(2, 1, 1);
		InputSpec withChannels = new InputSpec(SIZE, SPEC.mean(), SPEC.std(), new int[]{2, 2, 2},
			null);
		float[] fromSpec = new ImageConverter(withChannels, ConversionOptions.defaults()).toChw(
			two, FIRST);
		float[] chosen = new ImageConverter(SPEC, ConversionOptions.defaults().withRgbChannels(2, 2,
			2)).toChw(two, FIRST);
		float[] byDefault = new ImageConverter(SPEC, ConversionOptions.defaults()).toChw(two,
			FIRST);
		assertArrayEquals(chosen, fromSpec);
		assertEquals(false, Arrays.equals(byDefault, fromSpec));
	}

	@Test
	void aRegionOutsideTheImageIsRefused() {
		ImageConverter c = new ImageConverter(SPEC, ConversionOptions.defaults());
		assertThrows(ImageInputException.class, () -> read(c, TestImages.gray8(20, 20, 1),
			new Rectangle(10, 10, 20, 20), Fit.STRETCH, null, null));
	}

	private static float[] read(ImageConverter c, ImagePlus imp, Rectangle r, Fit fit,
		PlaneWindows windows, ImageMask mask)
	{
		FloatBuffer b = FloatBuffer.allocate(3 * SIZE * SIZE);
		c.toChw(imp, FIRST, r, fit, windows, mask, b);
		return b.array();
	}

	private static ImagePlus copy(ImagePlus imp, Rectangle r) {
		ImageProcessor ip = imp.getProcessor().duplicate();
		ip.setRoi(r);
		ImagePlus out = new ImagePlus(imp.getTitle(), ip.crop());
		if (ip instanceof ShortProcessor) {
			out.resetDisplayRange();
		}
		return out;
	}
}
