package org.csrafiji.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.VirtualStack;
import ij.measure.ResultsTable;

import org.csrafiji.core.Float32Tolerance;
import org.csrafiji.fiji.command.ClassifyCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/**
 * "CSRA Classify" on an {@link VirtualStack} of TIFF files: every slice gets its row, with
 * the scores of that slice classified as an ordinary image.
 */
class VirtualStackClassifyTest extends ContextTestBase {

	private static final int SLICES = 3;

	private static ResultsTable classify(ImagePlus imp, boolean allSlices) throws Exception {
		Ran m = FijiFixtures.run(ctx, ClassifyCommand.class, "image", imp, "all_slices",
			allSlices, "use_selection", false);
		assertFalse(m.isCanceled(), m.getCancelReason());
		return (ResultsTable) m.getOutput("results_table");
	}

	@Test
	void everySliceOfAVirtualStackGetsItsRow(@TempDir Path dir) throws Exception {
		ImagePlus[] slices = new ImagePlus[SLICES];
		VirtualStack vs = new VirtualStack(72, 56, null, dir.toString() + "/");
		for (int z = 0; z < SLICES; z++) {
			slices[z] = FijiFixtures.image(ImagePlus.GRAY16, 72, 56, 1, 20 + z);
			String name = "slice" + z + ".tif";
			assertTrue(IJ.saveAsTiff(slices[z], dir.resolve(name).toString()));
			vs.addSlice(name);
		}
		ImagePlus imp = new ImagePlus("virtual", vs);
		imp.setDisplayRange(0, 4095);
		assertTrue(imp.getStack().isVirtual());
		String before = FijiFixtures.checksum(imp);

		ResultsTable rt = classify(imp, true);
		int first = rt.size() - SLICES;
		String[] classes = FijiFixtures.CLASSES.toArray(new String[0]);
		for (int z = 1; z <= SLICES; z++) {
			int row = first + z - 1;
			assertEquals("virtual", rt.getStringValue("Image", row));
			assertEquals(z, (int) rt.getValue("Z", row));
			ImagePlus single = slices[z - 1];
			single.setDisplayRange(0, 4095);
			ResultsTable one = classify(single, false);
			// Float32Tolerance: the stack runs in batches, the single slice alone, so the kernels
			// may sum in other orders: logits within F x their scale (ResNet-18 at width 4, CSRA
			// head over 32 channels and 9 positions), scores (sigmoid, slope <= 1/4) within a
			// quarter of that, plus the final rounding of the score (4 u)
			double scale = 0;
			for (String c : classes) {
				double s = one.getValue(c, one.size() - 1);
				scale = Math.max(scale, Math.abs(Math.log(s / (1 - s))));
			}
			double tolerance = Float32Tolerance.ofNetwork(Float32Tolerance.resnet(18, 4)
				+ Float32Tolerance.csraHead(32, 9)) * scale / 4 + 4 * Float32Tolerance.U;
			for (String c : classes) {
				assertEquals(one.getValue(c, one.size() - 1), rt.getValue(c, row), tolerance,
					c + " z=" + z);
			}
		}
		assertEquals(before, FijiFixtures.checksum(imp), "input pixels changed");
	}
}
