package org.csrafiji.image;

import static org.csrafiji.image.TestImages.assertChannel;
import static org.csrafiji.image.TestImages.assertConstant;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ij.CompositeImage;
import ij.ImagePlus;
import ij.ImageStack;
import ij.process.ByteProcessor;
import ij.process.ShortProcessor;

import java.util.List;

import org.csrafiji.core.InputSpec;
import org.junit.jupiter.api.Test;

/**
 * Each ImageJ image type through {@link ImageConverter}, against {@link ReferenceResize}
 * (double precision, written from the filter's definition) applied to the expected
 * [0, 1] values.
 */
class ImageConverterTypesTest {

	private static final int S = 64;
	/**
	 * Float path against the double reference (Java float, IEEE strict: the same on any CPU):
	 * sources here are at most about twice S, so each of the two resize passes sums at most
	 * n = 6 non-negative taps and is within n u of the value, and the intensity map rounds
	 * twice: (2 x 6 + 2) u = 8.3e-7 <= 2e-6.
	 */
	private static final double FLOAT_TOLERANCE = 2e-6;
	/** 8-bit path: Pillow rounds twice, half a grey level each time. */
	private static final double BYTE_TOLERANCE = 1.0 / 255 + 1e-6;

	private static ImageConverter converter(ConversionOptions options) {
		return new ImageConverter(InputSpec.unitRange(S), options);
	}

	private static ImageConverter converter() {
		return converter(ConversionOptions.defaults());
	}

	private static float[] current(ImageConverter converter, ImagePlus imp) {
		return converter.toChw(imp, converter.positions(imp).get(0));
	}

	@Test
	void sixteenBitUsesTheDisplayRangeAndIsReplicated() {
		ImagePlus imp = TestImages.gray16(301, 203, 1);
		imp.setDisplayRange(5000, 30000);
		short[] px = (short[]) imp.getProcessor().getPixels();
		double[] expected = ReferenceResize.resize(TestImages.window(px, 5000, 30000), 301, 203,
			S, S);
		float[] chw = current(converter(), imp);
		for (int c = 0; c < 3; c++) {
			assertChannel(expected, chw, c, FLOAT_TOLERANCE, "16-bit display range");
		}
	}

	@Test
	void sixteenBitSliceMinMaxUsesThePlanesOwnRange() {
		ImagePlus imp = TestImages.gray16(150, 90, 2);
		imp.setDisplayRange(0, 65535); // ignored by SLICE_MIN_MAX
		short[] px = (short[]) imp.getProcessor().getPixels();
		int min = 65535;
		int max = 0;
		for (short s : px) {
			min = Math.min(min, s & 0xffff);
			max = Math.max(max, s & 0xffff);
		}
		double[] expected = ReferenceResize.resize(TestImages.window(px, min, max), 150, 90, S, S);
		float[] chw = current(converter(ConversionOptions.defaults().withScaling(
			IntensityScaling.SLICE_MIN_MAX)), imp);
		assertChannel(expected, chw, 0, FLOAT_TOLERANCE, "16-bit min-max");
	}

	@Test
	void thirtyTwoBitReplacesNanAndInfinityAndClampsToTheDisplayRange() {
		int w = 120;
		int h = 100;
		float[] px = TestImages.floats(w, h, 3, -3, 7);
		px[5] = Float.NaN;
		px[1000] = Float.POSITIVE_INFINITY;
		px[2000] = Float.NEGATIVE_INFINITY;
		ImagePlus imp = TestImages.gray32(px, w, h);
		imp.setDisplayRange(-1, 5);
		double[] expected = ReferenceResize.resize(i -> unit(px[i], -1, 5), w, h, S, S);
		assertChannel(expected, current(converter(), imp), 1, FLOAT_TOLERANCE, "32-bit");
	}

	@Test
	void thirtyTwoBitMinMaxIgnoresNonFiniteValues() {
		int w = 97;
		int h = 130;
		float[] px = TestImages.floats(w, h, 4, 10, 20);
		px[0] = Float.NaN;
		px[77] = Float.POSITIVE_INFINITY;
		px[78] = Float.NEGATIVE_INFINITY;
		float min = Float.MAX_VALUE;
		float max = -Float.MAX_VALUE;
		for (float v : px) {
			if (Float.isFinite(v)) {
				min = Math.min(min, v);
				max = Math.max(max, v);
			}
		}
		double lo = min;
		double hi = max;
		double[] expected = ReferenceResize.resize(i -> unit(px[i], lo, hi), w, h, S, S);
		ImagePlus imp = TestImages.gray32(px, w, h);
		assertChannel(expected, current(converter(ConversionOptions.defaults().withScaling(
			IntensityScaling.SLICE_MIN_MAX)), imp), 2, FLOAT_TOLERANCE, "32-bit min-max");
		// an infinite display range falls back to the finite range as well
		imp.setDisplayRange(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
		assertChannel(expected, current(converter(), imp), 0, FLOAT_TOLERANCE,
			"32-bit infinite display range");
	}

	@Test
	void compositeUsesEachChannelsOwnDisplayRange() {
		int w = 90;
		int h = 70;
		ImagePlus plain = TestImages.hyperstack16(w, h, 3, 1, 1);
		CompositeImage ci = new CompositeImage(plain, CompositeImage.COMPOSITE);
		double[][] ranges = {{600, 20000}, {2000, 25000}, {0, 65535}};
		for (int c = 1; c <= 3; c++) {
			ci.setPosition(c, 1, 1);
			ci.setDisplayRange(ranges[c - 1][0], ranges[c - 1][1]);
		}
		ci.setPosition(1, 1, 1);
		float[] chw = current(converter(), ci);
		for (int c = 0; c < 3; c++) {
			short[] px = (short[]) ci.getImageStack().getPixels(c + 1);
			double[] expected = ReferenceResize.resize(TestImages.window(px, ranges[c][0],
				ranges[c][1]), w, h, S, S);
			assertChannel(expected, chw, c, FLOAT_TOLERANCE, "composite");
		}
	}

	@Test
	void twoChannelsFeedRedAndGreenAndLeaveBlueBlank() {
		ImagePlus imp = TestImages.hyperstack16(80, 60, 2, 1, 1);
		imp.setDisplayRange(0, 40000);
		float[] chw = current(converter(), imp);
		for (int c = 0; c < 2; c++) {
			short[] px = (short[]) imp.getImageStack().getPixels(c + 1);
			assertChannel(ReferenceResize.resize(TestImages.window(px, 0, 40000), 80, 60, S, S),
				chw, c, FLOAT_TOLERANCE, "two channels");
		}
		assertConstant(chw, 2, S * S, 0f);
	}

	@Test
	void chosenChannelsFeedRgbInTheOrderGiven() {
		ImagePlus imp = TestImages.hyperstack16(80, 60, 4, 1, 1);
		imp.setDisplayRange(0, 40000);
		float[] chw = current(converter(ConversionOptions.defaults().withRgbChannels(4, 0, 2)),
			imp);
		ImageStack stack = imp.getImageStack();
		assertChannel(ReferenceResize.resize(TestImages.window((short[]) stack.getPixels(4), 0,
			40000), 80, 60, S, S), chw, 0, FLOAT_TOLERANCE, "R from channel 4");
		assertConstant(chw, 1, S * S, 0f);
		assertChannel(ReferenceResize.resize(TestImages.window((short[]) stack.getPixels(2), 0,
			40000), 80, 60, S, S), chw, 2, FLOAT_TOLERANCE, "B from channel 2");
	}

	@Test
	void rgbImageKeepsItsOwnColoursWhateverTheChannelChoice() {
		ImagePlus imp = TestImages.rgb(70, 50, 5);
		float[] plain = current(converter(), imp);
		float[] chosen = current(converter(ConversionOptions.defaults().withRgbChannels(3, 2, 1)),
			imp);
		assertArrayEquals(plain, chosen);
		int[] px = (int[]) imp.getProcessor().getPixels();
		for (int c = 0; c < 3; c++) {
			int shift = 16 - 8 * c;
			double[] unit = new double[px.length];
			for (int i = 0; i < px.length; i++) {
				unit[i] = ((px[i] >> shift) & 0xff) / 255.0;
			}
			assertChannel(ReferenceResize.resize(unit, 70, 50, S, S), plain, c, BYTE_TOLERANCE,
				"RGB");
		}
	}

	@Test
	void rgbStackGivesEverySliceInItsOwnColours() {
		ImageStack stack = new ImageStack(45, 35);
		for (int i = 0; i < 2; i++) {
			stack.addSlice(TestImages.rgb(45, 35, 20 + i).getProcessor());
		}
		ImagePlus imp = new ImagePlus("rgb stack", stack);
		imp.setSlice(2);
		ImageConverter all = converter(ConversionOptions.defaults().withAllSlices(true));
		assertEquals(List.of(new SlicePosition(1, 2, 1)), converter().positions(imp));
		List<SlicePosition> positions = all.positions(imp);
		assertEquals(2, positions.size());
		for (SlicePosition pos : positions) {
			int[] px = (int[]) stack.getPixels(pos.slice());
			float[] chw = all.toChw(imp, pos);
			for (int c = 0; c < 3; c++) {
				int shift = 16 - 8 * c;
				assertChannel(ReferenceResize.resize(i -> ((px[i] >> shift) & 0xff) / 255.0, 45, 35,
					S, S), chw, c, BYTE_TOLERANCE, "RGB slice " + pos.slice());
			}
		}
	}

	@Test
	void eightBitCompositeResizesEachChannelIn8Bits() {
		ImageStack stack = new ImageStack(50, 40);
		for (int i = 0; i < 3; i++) {
			stack.addSlice(new ByteProcessor(50, 40, TestImages.bytes(50, 40, 10 + i)));
		}
		ImagePlus imp = new CompositeImage(new ImagePlus("8-bit composite", stack),
			CompositeImage.COMPOSITE);
		float[] chw = current(converter(), imp);
		for (int c = 0; c < 3; c++) {
			byte[] px = (byte[]) stack.getPixels(c + 1);
			assertChannel(ReferenceResize.resize(i -> (px[i] & 0xff) / 255.0, 50, 40, S, S), chw,
				c, BYTE_TOLERANCE, "8-bit composite");
		}
	}

	@Test
	void hyperstackCurrentPositionAndAllPositions() {
		int w = 40;
		int h = 36;
		int channels = 2;
		int slices = 3;
		int frames = 2;
		ImagePlus imp = TestImages.hyperstack16(w, h, channels, slices, frames);
		imp.setDisplayRange(0, 50000);
		imp.setPosition(2, 2, 2);
		ImageConverter current = converter();
		assertEquals(List.of(new SlicePosition(2, 2, 2)), current.positions(imp));

		ImageConverter all = converter(ConversionOptions.defaults().withAllSlices(true));
		List<SlicePosition> positions = all.positions(imp);
		assertEquals(slices * frames, positions.size());
		assertEquals(new SlicePosition(2, 1, 1), positions.get(0));
		assertEquals(new SlicePosition(2, 2, 1), positions.get(1));
		assertEquals(new SlicePosition(2, 1, 2), positions.get(3));
		for (SlicePosition pos : positions) {
			float[] chw = all.toChw(imp, pos);
			for (int c = 1; c <= channels; c++) {
				int index = (pos.frame() - 1) * channels * slices + (pos.slice() - 1) * channels
					+ c;
				short[] px = (short[]) imp.getImageStack().getPixels(index);
				assertChannel(ReferenceResize.resize(TestImages.window(px, 0, 50000), w, h, S, S),
					chw, c - 1, FLOAT_TOLERANCE, "hyperstack " + pos + " channel " + c);
			}
			assertConstant(chw, 2, S * S, 0f);
		}
	}

	@Test
	void calibrationFunctionDoesNotChangeTheInput() {
		ImagePlus plain = TestImages.gray16(100, 80, 6);
		plain.setDisplayRange(3000, 33000);
		ImagePlus calibrated = plain.duplicate();
		calibrated.setDisplayRange(3000, 33000);
		calibrated.getCalibration().setFunction(ij.measure.Calibration.STRAIGHT_LINE,
			new double[]{-500, 0.25}, "nM");
		assertArrayEquals(current(converter(), plain), current(converter(), calibrated));
		ImagePlus signed = plain.duplicate();
		signed.setDisplayRange(3000, 33000);
		signed.getCalibration().setSigned16BitCalibration();
		assertArrayEquals(current(converter(), plain), current(converter(), signed));
	}

	@Test
	void imageOfTheInputSizeIsOnlyScaled() {
		ImagePlus imp = new ImagePlus("exact", new ByteProcessor(S, S, TestImages.bytes(S, S,
			7)));
		byte[] px = (byte[]) imp.getProcessor().getPixels();
		float[] chw = current(converter(), imp);
		for (int i = 0; i < S * S; i++) {
			assertEquals((px[i] & 0xff) / 255f, chw[i], 0f);
		}
		ImagePlus wide = new ImagePlus("16", new ShortProcessor(S, S, TestImages.shorts(S, S, 8,
			0, 1000), null));
		wide.setDisplayRange(0, 1000);
		short[] spx = (short[]) wide.getProcessor().getPixels();
		float[] schw = current(converter(), wide);
		for (int i = 0; i < S * S; i++) {
			assertEquals((spx[i] & 0xffff) / 1000.0, schw[i], 1e-6); // one float division: u/2 of <= 1
		}
	}

	/** The documented map of a 32-bit value onto [0, 1]. */
	static double unit(float v, double low, double high) {
		if (Float.isNaN(v) || v == Float.NEGATIVE_INFINITY) {
			return 0;
		}
		if (v == Float.POSITIVE_INFINITY) {
			return 1;
		}
		return Math.min(Math.max((v - low) / (high - low), 0), 1);
	}
}
