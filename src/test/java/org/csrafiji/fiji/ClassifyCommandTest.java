package org.csrafiji.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.gui.Roi;
import ij.measure.ResultsTable;

import org.csrafiji.fiji.command.ClassifyCommand;
import org.csrafiji.render.ResultsTableWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;

/** "CSRA Classify" through a real SciJava Context and CommandService. */
class ClassifyCommandTest extends ContextTestBase {

	private static ResultsTable table(Ran m) {
		assertFalse(m.isCanceled(), m.getCancelReason());
		return (ResultsTable) m.getOutput("results_table");
	}

	@ParameterizedTest
	@ValueSource(ints = {ImagePlus.GRAY8, ImagePlus.GRAY16, ImagePlus.GRAY32,
		ImagePlus.COLOR_RGB})
	void writesOneRowPerImageWithLabelsAndEveryClassScore(int type) throws Exception {
		ImagePlus imp = FijiFixtures.image(type, 120, 100, 1, type);
		String before = FijiFixtures.checksum(imp);
		ResultsTable rt = table(FijiFixtures.run(ctx, ClassifyCommand.class, "image", imp));
		int row = rt.size() - 1;
		assertEquals(imp.getTitle(), rt.getStringValue("Image", row));
		assertEquals(1, (int) rt.getValue("C", row));
		assertEquals(1, (int) rt.getValue("Z", row));
		assertEquals(1, (int) rt.getValue("T", row));
		List<String> expected = new ArrayList<>();
		for (String c : FijiFixtures.CLASSES) {
			double s = rt.getValue(c, row);
			assertTrue(s > 0 && s < 1, c + " score " + s);
			if (s > 0.5) {
				expected.add(c);
			}
		}
		expected.sort((a, b) -> Double.compare(rt.getValue(b, row), rt.getValue(a, row)));
		assertEquals(String.join(";", expected), rt.getStringValue("Labels", row));
		assertEquals(before, FijiFixtures.checksum(imp), "input pixels changed");
	}

	@Test
	void columnsAreTheFixedOnesThenOnePerClass() throws Exception {
		ResultsTable rt = table(FijiFixtures.run(ctx, ClassifyCommand.class, "image", FijiFixtures
			.image(ImagePlus.GRAY8, 64, 64, 1, 1)));
		List<String> headings = List.of(rt.getHeadings());
		List<String> want = new ArrayList<>(ResultsTableWriter.FIXED);
		want.addAll(FijiFixtures.CLASSES);
		assertEquals(want, headings.subList(headings.indexOf("Image"), headings.indexOf("Image")
			+ want.size()));
	}

	@Test
	void rowsAppendAcrossRunsAndTheModelLoadsOnce() throws Exception {
		ImagePlus imp = FijiFixtures.image(ImagePlus.GRAY8, 80, 80, 1, 7);
		ResultsTable first = table(FijiFixtures.run(ctx, ClassifyCommand.class, "image", imp));
		int n = first.size();
		ResultsTable second = table(FijiFixtures.run(ctx, ClassifyCommand.class, "image", imp));
		assertSame(first, second);
		assertEquals(n + 1, second.size());
		// the same computation twice (same kernels, batch size and threads: deterministic), so
		// equal to the bit; 1e-6 only tolerates a float to double round trip of the table
		assertEquals(second.getValue("cell", n - 1), second.getValue("cell", n), 1e-6,
			"same image, same scores");
		assertEquals(1, ctx.service(CsraService.class).loadedCount());
	}

	@Test
	void allSlicesGivesOneRowPerSliceOfAStack() throws Exception {
		ImagePlus imp = FijiFixtures.image(ImagePlus.GRAY16, 70, 60, 3, 3);
		String before = FijiFixtures.checksum(imp);
		ResultsTable rt = table(FijiFixtures.run(ctx, ClassifyCommand.class, "image", imp,
			"all_slices", true));
		int last = rt.size() - 1;
		for (int z = 1; z <= 3; z++) {
			assertEquals(z, (int) rt.getValue("Z", last - 3 + z));
			assertEquals(imp.getTitle(), rt.getStringValue("Image", last - 3 + z));
		}
		assertEquals(before, FijiFixtures.checksum(imp));
	}

	@Test
	void aSelectionIsClassifiedAndKept() throws Exception {
		ImagePlus imp = FijiFixtures.image(ImagePlus.GRAY8, 100, 100, 1, 11);
		imp.setRoi(new Roi(10, 20, 40, 30));
		ResultsTable whole = table(FijiFixtures.run(ctx, ClassifyCommand.class, "image", imp,
			"use_selection", false));
		double w = whole.getValue("cell", whole.size() - 1);
		ResultsTable sel = table(FijiFixtures.run(ctx, ClassifyCommand.class, "image", imp,
			"use_selection", true));
		assertTrue(Math.abs(w - sel.getValue("cell", sel.size() - 1)) > 0,
			"the selection should be classified on its own");
		assertEquals(new java.awt.Rectangle(10, 20, 40, 30), imp.getRoi().getBounds());
	}

	@Test
	void aCheckpointFileWorksWithoutASpec() throws Exception {
		ResultsTable rt = table(FijiFixtures.run(ctx, ClassifyCommand.class, "image", FijiFixtures
			.image(ImagePlus.GRAY8, 64, 64, 1, 5), "model_file", FijiFixtures.checkpoint()));
		assertTrue(List.of(rt.getHeadings()).contains("class4"), List.of(rt.getHeadings())
			.toString());
	}

	@Test
	void noImageCancelsWithAMessage() throws Exception {
		Ran m = FijiFixtures.run(ctx, ClassifyCommand.class, "image", null);
		assertTrue(m.isCanceled());
		assertTrue(m.getCancelReason().contains("image"), m.getCancelReason());
	}

	@Test
	void aOneByOneImageCancelsWithAMessage() throws Exception {
		Ran m = FijiFixtures.run(ctx, ClassifyCommand.class, "image", FijiFixtures.image(
			ImagePlus.GRAY8, 1, 1, 1, 1));
		assertTrue(m.isCanceled());
		assertTrue(m.getCancelReason().contains("8"), m.getCancelReason());
	}

	@Test
	void aSpecWhoseClassCountDiffersFromItsCheckpointCancels() throws Exception {
		Ran m = FijiFixtures.run(ctx, ClassifyCommand.class, "image", FijiFixtures.image(
			ImagePlus.GRAY8, 64, 64, 1, 1), "model_file", FijiFixtures.spec("wrong_classes.json"));
		assertTrue(m.isCanceled());
		assertTrue(m.getCancelReason().contains("5 classes"), m.getCancelReason());
		assertTrue(m.getCancelReason().contains("3 class names"), m.getCancelReason());
	}

	@Test
	void aMissingCheckpointCancelsSayingWhere() throws Exception {
		Ran m = FijiFixtures.run(ctx, ClassifyCommand.class, "image", FijiFixtures.image(
			ImagePlus.GRAY8, 64, 64, 1, 1), "model_file",
			FijiFixtures.spec(
				"missing_checkpoint.json"));
		assertTrue(m.isCanceled());
		assertTrue(m.getCancelReason().contains("no_such_weights.pth"), m.getCancelReason());
	}

	@Test
	void anAllNanImageCancelsWithAMessage() throws Exception {
		ImagePlus imp = new ImagePlus("nan", new ij.process.FloatProcessor(32, 32));
		imp.getProcessor().setValue(Float.NaN);
		imp.getProcessor().fill();
		Ran m = FijiFixtures.run(ctx, ClassifyCommand.class, "image", imp);
		assertTrue(m.isCanceled(), "an all-NaN image has nothing to classify");
		assertNotNullReason(m);
	}

	@Test
	void aHyperstackGivesOneRowPerZAndT() throws Exception {
		ImagePlus imp = FijiFixtures.image(ImagePlus.GRAY8, 48, 48, 8, 13);
		imp.setDimensions(2, 2, 2);
		imp.setOpenAsHyperStack(true);
		String before = FijiFixtures.checksum(imp);
		ResultsTable rt = table(FijiFixtures.run(ctx, ClassifyCommand.class, "image", imp,
			"all_slices", true));
		int first = rt.size() - 4;
		int[][] zt = {{1, 1}, {2, 1}, {1, 2}, {2, 2}};
		for (int i = 0; i < 4; i++) {
			assertEquals(zt[i][0], (int) rt.getValue("Z", first + i));
			assertEquals(zt[i][1], (int) rt.getValue("T", first + i));
		}
		assertEquals(before, FijiFixtures.checksum(imp));
	}

	private static void assertNotNullReason(Ran m) {
		assertTrue(m.getCancelReason() != null && !m.getCancelReason().isBlank());
	}
}
