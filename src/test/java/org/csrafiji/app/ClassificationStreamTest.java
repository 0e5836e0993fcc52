package org.csrafiji.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.csrafiji.core.Float32Tolerance;
import org.csrafiji.core.ImageInputException;
import org.csrafiji.core.ModelSpec;
import org.csrafiji.core.Prediction;
import org.csrafiji.image.ConversionOptions;
import org.csrafiji.runtime.CsraModel;
import org.csrafiji.runtime.DeviceChoice;
import org.csrafiji.runtime.PassLanes;
import org.junit.jupiter.api.Test;

/**
 * The batch path shared by Batch Classify and {@code classify}: images come out in input order
 * with their own scores whether one lane runs them or two side by side, a file that cannot be
 * opened comes out as its failure in its place, no more images are open than the lanes and the
 * read-ahead hold, and closing early leaves no thread behind.
 */
class ClassificationStreamTest {

	private static final ModelSpec SPEC = ImageClassifierTest.SPEC;

	private static ImagePlus image(int seed) {
		return ImageClassifierTest.image(seed);
	}

	/** Opens image i, except 3, which cannot be read; counts the images opened. */
	private static ImagePlus open(int i, AtomicInteger opened) {
		opened.incrementAndGet();
		if (i == 3) {
			throw new ImageInputException("image 3 cannot be read");
		}
		return image(i);
	}

	@Test
	void imagesComeOutInOrderWithTheirOwnScoresOnOneLaneOrTwo() {
		List<Integer> items = List.of(0, 1, 2, 3, 4, 5, 6);
		try (CsraModel model = CsraModel.random(SPEC, DeviceChoice.CPU, 7)) {
			ImageClassifier classifier = new ImageClassifier(model, ConversionOptions.defaults());
			// A single-threaded pass may sum in another order than a multi-threaded one: the
			// float32 bound of the network (ResNet-18 plus the head's 512-long sums) times the
			// logits' scale, through a sigmoid of slope at most 1/4.
			double tol = Float32Tolerance.ofNetwork(Float32Tolerance.resnet(18, 64) + 512);
			for (int lanesWanted : new int[]{1, 2}) {
				AtomicInteger opened = new AtomicInteger();
				List<ClassificationStream.Result<Integer>> results = new ArrayList<>();
				int mostOpen = 0;
				try (PassLanes lanes = PassLanes.forJobs(model, lanesWanted);
					ClassificationStream<Integer> stream = new ClassificationStream<>(classifier,
						items, i -> open(i, opened), lanes, Progress.NONE))
				{
					assertEquals(lanesWanted, lanes.lanes());
					while (stream.hasNext()) {
						results.add(stream.next());
						// in flight on the lanes, plus one read ahead
						mostOpen = Math.max(mostOpen, opened.get() - results.size());
					}
				}
				assertTrue(mostOpen <= lanesWanted + 1, mostOpen + " images open beyond those"
					+ " taken, with " + lanesWanted + " lane(s)");
				assertEquals(items.size(), results.size());
				for (int k = 0; k < items.size(); k++) {
					ClassificationStream.Result<Integer> r = results.get(k);
					assertEquals(items.get(k), r.item(), "input order");
					if (k == 3) {
						assertNull(r.image());
						assertInstanceOf(ImageInputException.class, r.failure());
						continue;
					}
					assertNull(r.failure());
					Prediction alone = classifier.classify(image(k)).get(0).prediction();
					Prediction got = r.image().slices().get(0).prediction();
					double scale = 0;
					for (float l : alone.logits()) {
						scale = Math.max(scale, Math.abs(l));
					}
					for (int c = 0; c < 3; c++) {
						assertEquals(alone.scores()[c], got.scores()[c], 0.25 * tol * scale + 1e-7,
							"image " + k + ", class " + c + ", " + lanesWanted + " lane(s)");
					}
				}
				// neighbours are told apart: were results mixed up, scores would differ
				assertTrue(
					results.get(0).image().slices().get(0).prediction().scores()[0] != results
						.get(1).image().slices().get(0).prediction().scores()[0]);
			}
		}
	}

	@Test
	void closingEarlyStopsReadingAndLeavesNoThread() {
		List<Integer> items = new ArrayList<>();
		for (int i = 0; i < 40; i++) {
			items.add(i == 3 ? 4 : i);
		}
		AtomicInteger opened = new AtomicInteger();
		try (CsraModel model = CsraModel.random(SPEC, DeviceChoice.CPU, 7)) {
			ImageClassifier classifier = new ImageClassifier(model, ConversionOptions.defaults());
			try (PassLanes lanes = PassLanes.forJobs(model, 2);
				ClassificationStream<Integer> stream = new ClassificationStream<>(classifier,
					items, i -> open(i, opened), lanes, Progress.NONE))
			{
				stream.next();
				stream.next();
			}
		}
		assertTrue(opened.get() <= 2 + 2 + 1, opened.get() + " of 40 images opened");
		assertTrue(Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.isAlive() && (t
			.getName().equals("csra-pass") || t.getName().startsWith("csra-batch-images"))),
			"no lane or reader thread is left");
	}

	/**
	 * Images whose pixels would pass the budget together run one at a time: a lane starts a
	 * further image only while those under way plus one more of the last one's size fit.
	 */
	@Test
	void imagesTooLargeToRunTogetherRunOneAtATime() {
		List<Integer> items = List.of(0, 1, 2, 3, 4, 5);
		AtomicInteger running = new AtomicInteger();
		AtomicInteger most = new AtomicInteger();
		Progress perSlice = new Progress() {

			@Override
			public void progress(int done, int total, String item) {
				if (item.startsWith("classifying") && done == 0) {
					most.accumulateAndGet(running.incrementAndGet(), Math::max);
				}
				else if (item.startsWith("classified")) {
					running.decrementAndGet();
				}
			}

			@Override
			public void info(String message) {}

			@Override
			public void warn(String message) {}
		};
		try (CsraModel model = CsraModel.random(SPEC, DeviceChoice.CPU, 7)) {
			ImageClassifier classifier = new ImageClassifier(model, ConversionOptions.defaults());
			long oneImage = ClassificationStream.bytes(ImageClassification.prepare(classifier,
				image(0), ImageClassification.slicesAhead(classifier)));
			for (long budget : new long[]{oneImage, 1L << 40}) {
				most.set(0);
				try (PassLanes lanes = PassLanes.forJobs(model, 2);
					ClassificationStream<Integer> stream = new ClassificationStream<>(classifier,
						items, ClassificationStreamTest::image, lanes, perSlice, budget))
				{
					int n = 0;
					while (stream.hasNext()) {
						assertNull(stream.next().failure());
						n++;
					}
					assertEquals(items.size(), n);
				}
				if (budget == oneImage) {
					assertEquals(1, most.get(), "one image at a time within a budget of one");
				}
				else {
					assertTrue(most.get() >= 1 && most.get() <= 2, most.get() + " at once");
				}
			}
		}
	}
}
