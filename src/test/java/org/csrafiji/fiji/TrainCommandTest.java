package org.csrafiji.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.measure.ResultsTable;

import org.csrafiji.core.ModelSpecs;
import org.csrafiji.fiji.command.ClassifyCommand;
import org.csrafiji.fiji.command.TrainCommand;
import org.csrafiji.render.LiveTrainingPlot;
import org.csrafiji.train.TrainingListener;
import org.csrafiji.train.TrainingOptions;
import org.csrafiji.train.TrainingResult;
import org.csrafiji.train.synthetic.SceneGenerator;
import org.csrafiji.train.synthetic.ShapeKind;
import org.csrafiji.train.synthetic.SyntheticDatasetWriter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** "CSRA Train" on a tiny synthetic set with a tiny network, and its spec in CSRA Classify. */
class TrainCommandTest extends ContextTestBase {

	@TempDir
	static Path tmp;

	private static Path labels;

	@BeforeAll
	static void writeData() {
		labels = SyntheticDatasetWriter.write(new SceneGenerator(32, 5), 0, 8, tmp.resolve("data"));
	}

	private static Map<String, Object> inputs(Path out, int epochs) {
		Map<String, Object> in = new HashMap<>();
		in.put("training_labels", labels.toFile());
		in.put("validation_labels", labels.toFile());
		in.put("output_dir", out.toFile());
		in.put("arch", "resnet18");
		in.put("base_width", 4);
		in.put("input_size", 32);
		in.put("heads", "1");
		in.put("lambda", 0.1);
		in.put("epochs", epochs);
		in.put("batch_size", 4);
		in.put("learning_rate", 0.01);
		in.put("step_epochs", 4);
		in.put("head_only", false);
		in.put("init", TrainSettings.RANDOM);
		in.put("seed", 1L);
		in.put("resume", false);
		in.put("device", "cpu");
		return in;
	}

	@Test
	void oneEpochGivesASpecThatClassifyUses() throws Exception {
		Path out = tmp.resolve("run");
		Ran train = Ran.run(ctx, TrainCommand.class, inputs(out, 1));
		assertFalse(train.isCanceled(), train.getCancelReason());
		String spec = (String) train.getOutput("best_spec");
		assertEquals(out.resolve("best.json").toString(), spec);
		List<String> log = Files.readAllLines(out.resolve(org.csrafiji.app.Training.LOG));
		assertEquals("kind,epoch,iteration,lr,loss,val_map_percent", log.get(0));
		assertTrue(log.get(log.size() - 1).startsWith("epoch,1,2,"), log.get(log.size() - 1));

		Ran classify = FijiFixtures.run(ctx, ClassifyCommand.class, "image", FijiFixtures.image(
			ImagePlus.COLOR_RGB, 48, 40, 1, 3), "model_file", new File(spec));
		assertFalse(classify.isCanceled(), classify.getCancelReason());
		ResultsTable rt = (ResultsTable) classify.getOutput("results_table");
		for (ShapeKind k : ShapeKind.values()) {
			double s = rt.getValue(k.label(), rt.size() - 1);
			assertTrue(s > 0 && s < 1, k.label() + " score " + s);
		}
	}

	@Test
	void cancellingKeepsTheLastCompletedEpochUsable() {
		Path out = tmp.resolve("cancelled");
		TrainingOptions o = TrainingOptions.defaults().toBuilder().baseWidth(4).size(32).epochs(3)
			.batchSize(4).seed(2).build();
		AtomicInteger checks = new AtomicInteger();
		// 2 iterations per epoch: stop before the 4th, inside the second epoch.
		Feedback stopAfterThree = new Feedback(null, null, () -> checks.incrementAndGet() > 3);
		TrainingResult r = TrainTask.run(new TrainSettings(labels, null, out, o, false,
			org.csrafiji.runtime.DeviceChoice.CPU), stopAfterThree, TrainingListener.NONE);
		assertTrue(r.cancelled());
		assertEquals(1, r.epochsDone());
		assertNotNull(ModelSpecs.read(r.lastSpec()));
		Ran classify = runClassify(r.lastSpec().toFile());
		assertFalse(classify.isCanceled(), classify.getCancelReason());
	}

	@Test
	void aMissingTrainingFileCancelsWithAMessage() throws Exception {
		Map<String, Object> in = inputs(tmp.resolve("none"), 1);
		in.put("training_labels", tmp.resolve("no_such.csv").toFile());
		Ran m = Ran.run(ctx, TrainCommand.class, in);
		assertTrue(m.isCanceled());
		assertTrue(m.getCancelReason().contains("training_labels"), m.getCancelReason());
	}

	@Test
	void thePlotHoldsEveryLossAndEpoch() {
		LiveTrainingPlot plot = new LiveTrainingPlot(false);
		plot.iteration(0, 0, 0.01, 0.7);
		plot.iteration(0, 1, 0.01, 0.6);
		plot.epoch(0, 2, 0.65, 0.5);
		float[] x = plot.plot().getXValues();
		assertEquals(2, x.length);
		assertEquals(2f, x[1]);
	}

	private static Ran runClassify(File spec) {
		try {
			return FijiFixtures.run(ctx, ClassifyCommand.class, "image", FijiFixtures.image(
				ImagePlus.COLOR_RGB, 40, 40, 1, 9), "model_file", spec);
		}
		catch (Exception e) {
			throw new IllegalStateException(e);
		}
	}
}
