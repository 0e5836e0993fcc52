package org.csrafiji.fiji;

import org.csrafiji.app.BatchSummary;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.measure.ResultsTable;

import org.csrafiji.core.CsraException;
import org.csrafiji.runtime.PassLanes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Stopping long runs with the Cancel button (a {@link ProgressSink} that asks to stop, as
 * {@link CancelWindow} does): each run stops after the step under way and keeps what is
 * complete, and a batch or a model evaluation resumes from there.
 */
class CancellationTest extends ContextTestBase {

	/** A Cancel button pressed when the run reports step {@code done} of {@code total}. */
	private static final class PressedAt implements ProgressSink {

		private final int done;
		private final int total;
		private boolean pressed;

		PressedAt(int done, int total) {
			this.done = done;
			this.total = total;
		}

		@Override
		public void progress(int d, int t, String message) {
			pressed |= d == done && t == total;
		}

		@Override
		public boolean cancelRequested() {
			return pressed;
		}
	}

	private static Feedback pressedAt(int done, int total) {
		return new Feedback(null, null, () -> false, new PressedAt(done, total));
	}

	private static ClassifySettings settings(boolean allSlices) {
		return ClassifySettings.of(FijiFixtures.spec("r18_h1.json"), "cpu", 0.5, allSlices, false,
			ClassifySettings.DISPLAY_RANGE);
	}

	/** Files of the stopped batch: more than the third file plus every lane's file under way. */
	private static final int FILES = 3 + PassLanes.MOST_LANES + 1;

	@Test
	void aStopppedBatchKeepsTheFilesDoneAndResumes(@TempDir Path dir) throws Exception {
		Path in = Files.createDirectories(dir.resolve("in"));
		for (int i = 0; i < FILES; i++) {
			IJ.saveAsTiff(FijiFixtures.image(ImagePlus.GRAY8, 40, 40, 1, 30 + i), in.resolve("f" + i
				+ ".tif").toString());
		}
		Path csv = dir.resolve("out.csv");
		BatchSettings batch = BatchSettings.of(in.toFile(), false, "*.tif", csv.toFile(), null);
		CsraService models = ctx.service(CsraService.class);
		// Cancel when the third file is reported: it is kept, the files under way then (on a
		// CPU of several cores, one per lane of passes side by side, at most PassLanes.MOST_LANES)
		// finish and are kept if whole, and the rest is left for the next run, which classifies
		// exactly that. FILES leaves a rest whatever the lanes.
		BatchSummary first = models.batch(batch, settings(false), pressedAt(2, FILES));
		assertTrue(first.cancelled());
		assertTrue(first.classified() >= 2 && first.classified() <= 3 + PassLanes.MOST_LANES,
			first.toString());
		Set<String> kept = files(csv);
		assertEquals(first.classified(), kept.size(), kept.toString());
		assertTrue(kept.containsAll(Set.of("f0.tif", "f1.tif")), kept.toString());

		BatchSummary second = models.batch(batch, settings(false), Feedback
			.none());
		assertFalse(second.cancelled());
		assertEquals(first.classified(), second.skipped());
		assertEquals(FILES - first.classified(), second.classified());
		assertEquals(FILES, Files.readAllLines(csv).size() - 2,
			"one row per file, none twice (after the model"
				+ " stamp and the header)");
		assertEquals(FILES, files(csv).size());
	}

	private static Set<String> files(Path csv) throws Exception {
		Set<String> out = new TreeSet<>();
		// the first line is the model stamp (#csra-model,...), the second the header
		Files.readAllLines(csv).stream().filter(l -> !l.startsWith("#")).skip(1).forEach(l -> out
			.add(l.split(",")[0]));
		return out;
	}

	@Test
	void aStoppedStackKeepsTheSlicesDone() throws Exception {
		ImagePlus imp = FijiFixtures.image(ImagePlus.GRAY8, 48, 48, 5, 40);
		imp.setTitle("stack-to-stop");
		CsraService models = ctx.service(CsraService.class);
		// Cancel while the third slice is classified: it is finished, the fourth is not begun
		ResultsTable rt = models.classify(imp, settings(true), pressedAt(2, 5)).table();
		List<String> rows = new ArrayList<>();
		for (int r = 0; r < rt.size(); r++) {
			if (rt.getStringValue("Image", r).equals("stack-to-stop")) {
				rows.add(rt.getStringValue("Z", r));
			}
		}
		assertEquals(List.of("1", "2", "3"), rows, "the slices classified before Cancel");
	}

	@Test
	void aStoppedModelEvaluationKeepsItsScoresAndResumes(@TempDir Path dir) throws Exception {
		StringBuilder labels = new StringBuilder("image," + String.join(",", FijiFixtures.CLASSES)
			+ "\n");
		for (int i = 0; i < 6; i++) {
			IJ.saveAsTiff(FijiFixtures.image(ImagePlus.GRAY8, 48, 48, 1, 50 + i), dir.resolve("img"
				+ i + ".tif").toString());
			labels.append("img").append(i).append(".tif");
			for (int c = 0; c < FijiFixtures.CLASSES.size(); c++) {
				labels.append(',').append((i + c) % 2);
			}
			labels.append('\n');
		}
		File csv = Files.writeString(dir.resolve("labels.csv"), labels).toFile();
		File scores = dir.resolve("scores.csv").toFile();
		EvaluateSettings settings = EvaluateSettings.of(EvaluateSettings.modelRun(FijiFixtures.spec(
			"r18_h1.json"), "cpu", "csv", csv, scores, 2), 0.5, EvaluateSettings.AUTO, null);
		CsraService models = ctx.service(CsraService.class);
		CsraException stopped = assertThrows(CsraException.class, () -> models.evaluate(
			settings, new Feedback(null, null, new java.util.function.BooleanSupplier() {

				private int asked;

				@Override
				public boolean getAsBoolean() {
					return ++asked >= 2; // Cancel pressed during the second batch of two images
				}
			})));
		assertTrue(stopped.getMessage().contains("Stopped by the user after 4 of 6"), stopped
			.getMessage());
		assertTrue(stopped.getMessage().contains("kept in " + scores), stopped.getMessage());
		assertEquals(2 + 4, Files.readAllLines(scores.toPath()).size(), "stamp, header and two"
			+ " batches kept");

		EvaluationReport done = models.evaluate(settings, Feedback.none());
		assertEquals(2 + 6, Files.readAllLines(scores.toPath()).size());
		assertTrue(done.metrics().size() > 0);
	}
}
