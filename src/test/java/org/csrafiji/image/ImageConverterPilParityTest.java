package org.csrafiji.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.process.ByteProcessor;
import ij.process.ColorProcessor;
import ij.process.FloatProcessor;

import org.csrafiji.core.InputSpec;
import org.junit.jupiter.api.Test;

/**
 * The whole conversion of 8-bit, RGB and 32-bit ImageJ images against what Pillow and
 * torchvision compute on the same pixels: Pillow's resize (from the fixtures), then
 * {@code ToTensor} ({@code v / 255f}) and {@code Normalize} ({@code (x - mean) / std}).
 */
class ImageConverterPilParityTest {

	private static final double[] IMAGENET_MEAN = {0.485, 0.456, 0.406};
	private static final double[] IMAGENET_STD = {0.229, 0.224, 0.225};

	@Test
	void rgbImageEqualsPillowThenToTensorExactly() {
		PilFixtures.Case c = fixture("RGB", "rgb_down");
		float[] chw = convert(rgbImage(c), InputSpec.unitRange(c.dstWidth()));
		byte[] pil = c.output();
		int area = c.dstWidth() * c.dstHeight();
		for (int ch = 0; ch < 3; ch++) {
			for (int i = 0; i < area; i++) {
				assertEquals((pil[3 * i + ch] & 0xff) / 255f, chw[ch * area + i], 0f, "channel "
					+ ch + " sample " + i);
			}
		}
	}

	@Test
	void rgbImageEqualsPillowThenImageNetNormalizeExactly() {
		PilFixtures.Case c = fixture("RGB", "rgb_down");
		float[] chw = convert(rgbImage(c), new InputSpec(c.dstWidth(), IMAGENET_MEAN,
			IMAGENET_STD));
		byte[] pil = c.output();
		int area = c.dstWidth() * c.dstHeight();
		for (int ch = 0; ch < 3; ch++) {
			float m = (float) IMAGENET_MEAN[ch];
			float s = (float) IMAGENET_STD[ch];
			for (int i = 0; i < area; i++) {
				float expected = ((pil[3 * i + ch] & 0xff) / 255f - m) / s;
				assertEquals(expected, chw[ch * area + i], 0f, "channel " + ch + " sample " + i);
			}
		}
	}

	@Test
	void grayImageIsPillowResizedAndReplicatedWithVitNormalization() {
		PilFixtures.Case c = fixture("L", "gray_down");
		ImagePlus imp = new ImagePlus("gray", new ByteProcessor(c.srcWidth(), c.srcHeight(), c
			.input()));
		InputSpec vit = new InputSpec(c.dstWidth(), new double[]{0.5, 0.5, 0.5},
			new double[]{0.5, 0.5, 0.5});
		float[] chw = convert(imp, vit);
		byte[] pil = c.output();
		int area = c.dstWidth() * c.dstHeight();
		for (int ch = 0; ch < 3; ch++) {
			for (int i = 0; i < area; i++) {
				assertEquals(((pil[i] & 0xff) / 255f - 0.5f) / 0.5f, chw[ch * area + i], 0f);
			}
		}
	}

	@Test
	void floatImageWithUnitDisplayRangeMatchesPillowFMode() {
		PilFixtures.Case c = fixture("F", "float_down");
		ImagePlus imp = new ImagePlus("float", new FloatProcessor(c.srcWidth(), c.srcHeight(), c
			.inputFloats()));
		imp.setDisplayRange(0, 1);
		float[] chw = convert(imp, InputSpec.unitRange(c.dstWidth()));
		float[] pil = c.outputFloats();
		for (int ch = 0; ch < 3; ch++) {
			for (int i = 0; i < pil.length; i++) {
				float got = chw[ch * pil.length + i];
				// as ResamplerPilParityTest: float sums of at most 8 non-negative taps per pass,
				// within 16 u = 9.5e-7 of the value, under 1e-5
				assertTrue(Math.abs(got - pil[i]) <= 1e-5 * Math.max(Math.abs(pil[i]), 1e-3),
					"sample " + i + ": Pillow " + pil[i] + ", got " + got);
			}
		}
	}

	private static float[] convert(ImagePlus imp, InputSpec spec) {
		ImageConverter converter = new ImageConverter(spec, ConversionOptions.defaults());
		return converter.toChw(imp, converter.positions(imp).get(0));
	}

	private static ImagePlus rgbImage(PilFixtures.Case c) {
		byte[] in = c.input();
		int[] packed = new int[c.srcWidth() * c.srcHeight()];
		for (int i = 0; i < packed.length; i++) {
			packed[i] = (in[3 * i] & 0xff) << 16 | (in[3 * i + 1] & 0xff) << 8 | in[3 * i + 2]
				& 0xff;
		}
		return new ImagePlus("rgb", new ColorProcessor(c.srcWidth(), c.srcHeight(), packed));
	}

	private static PilFixtures.Case fixture(String mode, String name) {
		return PilFixtures.cases(mode).stream().filter(c -> c.name().equals(name)).findFirst()
			.orElseThrow();
	}
}
