package org.csrafiji.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ij.CompositeImage;
import ij.ImagePlus;
import ij.gui.OvalRoi;
import ij.gui.Roi;
import ij.measure.Calibration;

import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.csrafiji.core.InputSpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Converting never changes the image: pixels, display ranges, position, selection and
 * calibration are the same before and after converting every position with every option.
 */
class ImageConverterLeavesImageAloneTest {

	record Named(String name, Supplier<ImagePlus> image) {

		@Override
		public String toString() {
			return name;
		}
	}

	static Stream<Named> images() {
		return Stream.of(new Named("8-bit", () -> TestImages.gray8(90, 70, 1)), new Named(
			"16-bit with display range", () -> {
				ImagePlus imp = TestImages.gray16(90, 70, 2);
				imp.setDisplayRange(2000, 9000);
				return imp;
			}), new Named("32-bit with NaN", () -> {
				float[] px = TestImages.floats(90, 70, 3, -1, 1);
				px[10] = Float.NaN;
				px[11] = Float.POSITIVE_INFINITY;
				return TestImages.gray32(px, 90, 70);
			}), new Named("RGB with selection", () -> {
				ImagePlus imp = TestImages.rgb(90, 70, 4);
				imp.setRoi(new OvalRoi(10, 10, 50, 40));
				return imp;
			}), new Named("composite at channel 2", () -> {
				CompositeImage ci = new CompositeImage(TestImages.hyperstack16(60, 50, 3, 1, 1),
					CompositeImage.COMPOSITE);
				ci.setPosition(2, 1, 1);
				ci.setDisplayRange(100, 5000);
				return ci;
			}), new Named("hyperstack at (2, 2, 2) with selection", () -> {
				ImagePlus imp = TestImages.hyperstack16(40, 30, 2, 3, 2);
				imp.setPosition(2, 2, 2);
				imp.setRoi(new Roi(5, 5, 20, 20));
				return imp;
			}), new Named("calibrated 16-bit", () -> {
				ImagePlus imp = TestImages.gray16(50, 50, 5);
				imp.getCalibration().setFunction(Calibration.STRAIGHT_LINE, new double[]{1, 2},
					"units");
				return imp;
			}));
	}

	@ParameterizedTest
	@MethodSource("images")
	void convertingLeavesTheImageAsItWas(Named named) {
		ImagePlus imp = named.image().get();
		ImageState before = ImageState.of(imp);
		for (IntensityScaling scaling : IntensityScaling.values()) {
			for (boolean selection : new boolean[]{true, false}) {
				ImageConverter converter = new ImageConverter(InputSpec.unitRange(32),
					new ConversionOptions(scaling, null, true, selection));
				List<SlicePosition> positions = converter.positions(imp);
				for (SlicePosition pos : positions) {
					converter.toChw(imp, pos);
				}
				converter.region(imp);
			}
		}
		assertEquals(before, ImageState.of(imp));
	}
}
