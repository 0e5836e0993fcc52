package org.csrafiji.image;

import static org.csrafiji.image.TestImages.assertChannel;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.VirtualStack;
import ij.gui.Line;
import ij.gui.OvalRoi;
import ij.gui.Roi;
import ij.io.FileSaver;
import ij.process.ShortProcessor;

import java.awt.Rectangle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.List;

import org.csrafiji.core.InputSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the pixels come from: virtual stacks, selections, and the output buffer. */
class ImageConverterSourcesTest {

	private static final int S = 48;
	/** As ImageConverterTypesTest.FLOAT_TOLERANCE: two passes of at most 6 taps, 2 roundings. */
	private static final double TOLERANCE = 2e-6;

	@Test
	void virtualStackIsReadSliceBySlice(@TempDir Path dir) {
		int w = 70;
		int h = 50;
		short[][] planes = new short[3][];
		VirtualStack stack = new VirtualStack(w, h, null, dir.toString());
		for (int i = 0; i < 3; i++) {
			planes[i] = TestImages.shorts(w, h, 40 + i, 1000 * i, 20000 + 1000 * i);
			String name = "plane" + i + ".tif";
			assertTrue(new FileSaver(new ImagePlus(name, new ShortProcessor(w, h, planes[i],
				null))).saveAsTiff(dir.resolve(name).toString()));
			stack.addSlice(name);
		}
		ImagePlus imp = new ImagePlus("virtual", stack);
		imp.setDisplayRange(500, 21000);
		ImageState before = ImageState.of(imp);
		ImageConverter converter = new ImageConverter(InputSpec.unitRange(S), ConversionOptions
			.defaults().withAllSlices(true));
		List<SlicePosition> positions = converter.positions(imp);
		assertEquals(3, positions.size());
		for (int i = 0; i < 3; i++) {
			float[] chw = converter.toChw(imp, positions.get(i));
			double[] expected = ReferenceResize.resize(TestImages.window(planes[i], 500, 21000), w,
				h, S, S);
			for (int c = 0; c < 3; c++) {
				assertChannel(expected, chw, c, TOLERANCE, "virtual slice " + (i + 1));
			}
		}
		assertEquals(before, ImageState.of(imp));
	}

	@Test
	void areaSelectionClassifiesItsBoundingBox() {
		ImagePlus imp = TestImages.gray16(200, 150, 11);
		imp.setDisplayRange(1000, 40000);
		imp.setRoi(new OvalRoi(30, 20, 90, 70));
		ImageConverter converter = new ImageConverter(InputSpec.unitRange(S), ConversionOptions
			.defaults());
		assertEquals(new Rectangle(30, 20, 90, 70), converter.region(imp));
		double[] unit = TestImages.window((short[]) imp.getProcessor().getPixels(), 1000, 40000);
		double[] expected = ReferenceResize.resize(TestImages.crop(unit, 200, 30, 20, 90, 70), 90,
			70, S, S);
		assertChannel(expected, converter.toChw(imp, converter.positions(imp).get(0)), 0,
			TOLERANCE, "selection");
	}

	@Test
	void selectionReachingPastTheEdgeIsClippedToTheImage() {
		ImagePlus imp = TestImages.gray16(200, 150, 12);
		imp.setRoi(new Roi(150, 100, 100, 100));
		ImageConverter converter = new ImageConverter(InputSpec.unitRange(S), ConversionOptions
			.defaults());
		assertEquals(new Rectangle(150, 100, 50, 50), converter.region(imp));
	}

	@Test
	void lineSelectionsAndUnusedSelectionsClassifyTheWholeImage() {
		ImagePlus imp = TestImages.gray16(120, 90, 13);
		ImageConverter using = new ImageConverter(InputSpec.unitRange(S), ConversionOptions
			.defaults());
		imp.setRoi(new Line(5, 5, 60, 40));
		assertEquals(new Rectangle(0, 0, 120, 90), using.region(imp));
		imp.setRoi(new Roi(10, 10, 30, 30));
		ImageConverter ignoring = new ImageConverter(InputSpec.unitRange(S), ConversionOptions
			.defaults().withUseSelection(false));
		assertEquals(new Rectangle(0, 0, 120, 90), ignoring.region(imp));
	}

	/**
	 * A direct buffer is written in chunks of {@link ChwWriter#CHUNK} floats: an input side
	 * whose area is over one chunk and not a multiple of it, a two-channel 16-bit image (its
	 * blue channel blank), a 32-bit one and a padded rectangle must give, at a buffer offset,
	 * exactly the floats of a heap array.
	 */
	@Test
	void directBufferHoldsExactlyTheHeapArraysFloats() {
		int side = 67;
		assertTrue(side * side > ChwWriter.CHUNK && side * side % ChwWriter.CHUNK != 0);
		ImageConverter converter = new ImageConverter(new InputSpec(side, new double[]{0.5, 0.4,
			0.3}, new double[]{0.2, 0.25, 0.3}), ConversionOptions.defaults());
		int n = 3 * side * side;
		ImagePlus twoChannels = TestImages.hyperstack16(90, 70, 2, 1, 1);
		float[] ramp = new float[80 * 60];
		for (int i = 0; i < ramp.length; i++) {
			ramp[i] = (i % 80) * 0.5f - (i / 80) * 1.25f;
		}
		ImagePlus floats = TestImages.gray32(ramp, 80, 60);
		ImagePlus grey = TestImages.gray16(100, 40, 21);
		FloatBuffer batch = ByteBuffer.allocateDirect((3 * n + 5) * 4).order(ByteOrder
			.nativeOrder()).asFloatBuffer();
		batch.position(5);
		converter.toChw(twoChannels, converter.positions(twoChannels).get(0), batch);
		converter.toChw(floats, converter.positions(floats).get(0), batch);
		Rectangle tall = new Rectangle(10, 0, 30, 40);
		converter.toChw(grey, converter.positions(grey).get(0), tall, Fit.PAD, null, null, batch);
		assertEquals(5 + 3 * n, batch.position());
		float[] heap = new float[3 * n];
		converter.toChw(twoChannels, converter.positions(twoChannels).get(0), FloatBuffer.wrap(
			heap, 0, n));
		converter.toChw(floats, converter.positions(floats).get(0), FloatBuffer.wrap(heap, n, n));
		converter.toChw(grey, converter.positions(grey).get(0), tall, Fit.PAD, null, null,
			FloatBuffer.wrap(heap, 2 * n, n));
		float[] got = new float[3 * n];
		batch.position(5);
		batch.get(got);
		assertArrayEquals(heap, got);
		float blankBlue = (0f - 0.3f) / 0.3f;
		for (int i = 2 * side * side; i < n; i++) {
			assertEquals(blankBlue, got[i]);
		}
	}

	@Test
	void directBufferBatchIsFilledInOrderAndPositionAdvances() {
		ImagePlus first = TestImages.rgb(60, 40, 14);
		ImagePlus second = TestImages.gray8(33, 90, 15);
		ImageConverter converter = new ImageConverter(new InputSpec(S, new double[]{0.5, 0.4,
			0.3}, new double[]{0.2, 0.25, 0.3}), ConversionOptions.defaults());
		int n = 3 * S * S;
		FloatBuffer batch = ByteBuffer.allocateDirect(2 * n * 4).order(ByteOrder.nativeOrder())
			.asFloatBuffer();
		converter.toChw(first, converter.positions(first).get(0), batch);
		assertEquals(n, batch.position());
		converter.toChw(second, converter.positions(second).get(0), batch);
		assertEquals(2 * n, batch.position());
		float[] got = new float[2 * n];
		batch.flip();
		batch.get(got);
		float[] a = converter.toChw(first, converter.positions(first).get(0));
		float[] b = converter.toChw(second, converter.positions(second).get(0));
		assertArrayEquals(a, java.util.Arrays.copyOfRange(got, 0, n));
		assertArrayEquals(b, java.util.Arrays.copyOfRange(got, n, 2 * n));
	}

	@Test
	void heapBufferViewIsWrittenAtItsPosition() {
		ImagePlus imp = TestImages.gray16(64, 64, 16);
		ImageConverter converter = new ImageConverter(InputSpec.unitRange(S), ConversionOptions
			.defaults());
		int n = 3 * S * S;
		float[] backing = new float[n + 10];
		FloatBuffer buffer = FloatBuffer.wrap(backing);
		buffer.position(7);
		converter.toChw(imp, converter.positions(imp).get(0), buffer.slice());
		float[] alone = converter.toChw(imp, converter.positions(imp).get(0));
		assertArrayEquals(alone, java.util.Arrays.copyOfRange(backing, 7, 7 + n));
		assertEquals(0f, backing[6]);
		assertEquals(0f, backing[7 + n]);
	}

	@Test
	void bufferWithTooLittleRoomIsRefusedBeforeAnyWrite() {
		ImagePlus imp = TestImages.gray8(64, 64, 17);
		ImageConverter converter = new ImageConverter(InputSpec.unitRange(S), ConversionOptions
			.defaults());
		FloatBuffer small = FloatBuffer.allocate(3 * S * S - 1);
		assertThrows(IllegalArgumentException.class, () -> converter.toChw(imp, converter
			.positions(imp).get(0), small));
		assertEquals(0, small.position());
	}
}
