package org.csrafiji.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.process.ByteProcessor;

import java.lang.ref.WeakReference;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.csrafiji.core.ModelSpec;
import org.csrafiji.core.ModelSpecBuilder;
import org.csrafiji.image.ConversionOptions;
import org.csrafiji.runtime.CsraModel;
import org.csrafiji.runtime.DeviceChoice;
import org.junit.jupiter.api.Test;

/**
 * The classifier's input buffers: reused from call to call, one per thread classifying at the
 * same time, and owned by the classifier, so that a long-lived thread (a Spark task thread, a
 * SciJava command thread) that used a classifier keeps none of its buffers once the classifier
 * is gone. A thread-local buffer stays in the thread's own map after its classifier is
 * collected, which the second test detects.
 */
class ImageClassifierTest {

	private static final ModelSpec SPEC = new ModelSpecBuilder().name("t").architecture(
		"resnet18").size(32).build(3);

	private static ImagePlus image(long seed) {
		Random r = new Random(seed);
		ByteProcessor ip = new ByteProcessor(40, 30);
		for (int i = 0; i < 40 * 30; i++) {
			ip.set(i, r.nextInt(256));
		}
		return new ImagePlus("img" + seed, ip);
	}

	@Test
	void sequentialCallsShareOneBufferAndConcurrentOnesEachHaveTheirOwn() throws Exception {
		try (CsraModel model = CsraModel.random(SPEC, DeviceChoice.CPU, 7)) {
			ImageClassifier classifier = new ImageClassifier(model, ConversionOptions.defaults());
			List<ImagePlus> images = new ArrayList<>();
			List<float[]> alone = new ArrayList<>();
			for (int i = 0; i < 6; i++) {
				images.add(image(i));
				alone.add(classifier.classify(images.get(i)).get(0).prediction().scores());
			}
			assertEquals(1, classifier.idleBuffers(), "one caller at a time needs one buffer");

			ExecutorService pool = Executors.newFixedThreadPool(3);
			try {
				List<Future<float[]>> futures = new ArrayList<>();
				for (int round = 0; round < 4; round++) {
					for (int i = 0; i < images.size(); i++) {
						ImagePlus imp = images.get(i);
						Callable<float[]> task = () -> classifier.classify(imp).get(0).prediction()
							.scores();
						futures.add(pool.submit(task));
					}
				}
				for (int k = 0; k < futures.size(); k++) {
					// Same input, same engine, one image per pass: the same float32 operations,
					// so the scores are identical, whichever buffer carried the input.
					assertArrayEquals(alone.get(k % images.size()), futures.get(k).get());
				}
			}
			finally {
				pool.shutdown();
			}
			int idle = classifier.idleBuffers();
			assertTrue(idle >= 1 && idle <= 3, "at most one buffer per thread: " + idle);
		}
	}

	@Test
	void aThreadKeepsNoBufferOfAClassifierThatIsGone() throws Exception {
		try (CsraModel model = CsraModel.random(SPEC, DeviceChoice.CPU, 7)) {
			WeakReference<FloatBuffer> buffer = classifyOnceAndForget(model);
			for (int i = 0; i < 50 && buffer.get() != null; i++) {
				System.gc();
				Thread.sleep(20);
			}
			assertNull(buffer.get(), "the input buffer of a classifier that is no longer"
				+ " referenced is still reachable (from this thread?)");
		}
	}

	/** Classifies on this thread, then drops the classifier; returns its buffer, weakly. */
	private static WeakReference<FloatBuffer> classifyOnceAndForget(CsraModel model) {
		ImageClassifier classifier = new ImageClassifier(model, ConversionOptions.defaults());
		classifier.classify(image(1));
		FloatBuffer used = classifier.nextIdleBuffer();
		assertTrue(used != null && used.isDirect(), "the classifier keeps its buffer for reuse");
		return new WeakReference<>(used);
	}
}
