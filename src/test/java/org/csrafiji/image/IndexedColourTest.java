package org.csrafiji.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ij.ImagePlus;
import ij.process.ByteProcessor;
import ij.process.ColorProcessor;
import ij.process.LUT;

import java.util.Random;

import org.csrafiji.core.InputSpec;
import org.junit.jupiter.api.Test;

/**
 * An 8-bit image with a colour LUT is read through the LUT (its RGB copy, made here by
 * hand, gives identical input); grey LUTs, inverted or not, keep the grey values.
 */
class IndexedColourTest {

	private static final int W = 97;
	private static final int H = 61;

	private static float[] chw(ImagePlus imp) {
		ImageConverter c = new ImageConverter(InputSpec.unitRange(32), ConversionOptions
			.defaults());
		return c.toChw(imp, c.positions(imp).get(0));
	}

	private static ByteProcessor indices() {
		ByteProcessor bp = new ByteProcessor(W, H);
		Random r = new Random(8);
		for (int i = 0; i < W * H; i++) {
			bp.set(i, r.nextInt(256));
		}
		return bp;
	}

	@Test
	void colourLutIsAppliedAsTheRgbCopyWouldBe() {
		byte[] red = new byte[256], green = new byte[256], blue = new byte[256];
		for (int i = 0; i < 256; i++) {
			red[i] = (byte) (i * 7);
			green[i] = (byte) (255 - i);
			blue[i] = (byte) (i * i);
		}
		ByteProcessor bp = indices();
		bp.setLut(new LUT(red, green, blue));
		ImagePlus indexed = new ImagePlus("indexed", bp);
		ColorProcessor copy = new ColorProcessor(W, H);
		for (int i = 0; i < W * H; i++) {
			int k = bp.get(i);
			copy.set(i, (red[k] & 0xff) << 16 | (green[k] & 0xff) << 8 | blue[k] & 0xff);
		}
		assertArrayEquals(chw(new ImagePlus("copy", copy)), chw(indexed));
		assertEquals(bp.get(0), ((byte[]) indexed.getProcessor().getPixels())[0] & 0xff,
			"the image is left alone");
	}

	@Test
	void greyLutsKeepTheGreyValues() {
		ByteProcessor plain = indices();
		ByteProcessor inverted = indices();
		inverted.invertLut();
		float[] expected = chw(new ImagePlus("plain", plain));
		assertArrayEquals(expected, chw(new ImagePlus("inverted", inverted)));
	}
}
