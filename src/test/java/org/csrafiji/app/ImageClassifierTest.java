package org.csrafiji.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.process.ByteProcessor;

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
import org.csrafiji.runtime.InputBuffers;
import org.junit.jupiter.api.Test;

/**
 * The classifier's input buffers come from its model and go back to it: reused from call to
 * call and from classifier to classifier (a Fiji command run or a Spark task makes a new
 * classifier each time), one per thread classifying at the same time, and never kept by a
 * thread (a thread-local buffer would stay in a long-lived thread's own map, and a buffer per
 * classifier would hold native memory until the garbage collector found it).
 */
class ImageClassifierTest {

	static final ModelSpec SPEC = new ModelSpecBuilder().name("t").architecture(
		"resnet18").size(32).build(3);

	/** @return a 40 x 30 8-bit image of random pixels from {@code seed} */
	static ImagePlus image(long seed) {
		Random r = new Random(seed);
		ByteProcessor ip = new ByteProcessor(40, 30);
		for (int i = 0; i < 40 * 30; i++) {
			ip.set(i, r.nextInt(256));
		}
		return new ImagePlus("img" + seed, ip);
	}

	@Test
	void classifiersOfOneModelShareItsBuffersAndConcurrentCallsEachHaveTheirOwn()
		throws Exception
	{
		try (CsraModel model = CsraModel.random(SPEC, DeviceChoice.CPU, 7)) {
			InputBuffers pool = model.singleImageBuffers();
			List<ImagePlus> images = new ArrayList<>();
			List<float[]> alone = new ArrayList<>();
			for (int i = 0; i < 6; i++) {
				images.add(image(i));
				ImageClassifier fresh = new ImageClassifier(model, ConversionOptions.defaults());
				alone.add(fresh.classify(images.get(i)).get(0).prediction().scores());
			}
			assertEquals(1, pool.idle(), "one caller at a time needs one buffer");
			FloatBuffer only = pool.take();
			pool.give(only);
			new ImageClassifier(model, ConversionOptions.defaults()).classify(images.get(0));
			assertSame(only, pool.take(), "a new classifier reused the model's buffer");
			pool.give(only);

			ImageClassifier classifier = new ImageClassifier(model, ConversionOptions.defaults());
			ExecutorService threads = Executors.newFixedThreadPool(3);
			try {
				List<Future<float[]>> futures = new ArrayList<>();
				for (int round = 0; round < 4; round++) {
					for (int i = 0; i < images.size(); i++) {
						ImagePlus imp = images.get(i);
						Callable<float[]> task = () -> classifier.classify(imp).get(0).prediction()
							.scores();
						futures.add(threads.submit(task));
					}
				}
				for (int k = 0; k < futures.size(); k++) {
					// Same input, same engine, one image per pass: the same float32 operations,
					// so the scores are identical, whichever buffer carried the input.
					assertArrayEquals(alone.get(k % images.size()), futures.get(k).get());
				}
			}
			finally {
				threads.shutdown();
			}
			int idle = pool.idle();
			assertTrue(idle >= 1 && idle <= 3, "at most one buffer per thread: " + idle);
		}
	}

	@Test
	void aThreadThatClassifiedKeepsNoBuffer() throws Exception {
		try (CsraModel model = CsraModel.random(SPEC, DeviceChoice.CPU, 7)) {
			InputBuffers pool = model.singleImageBuffers();
			Thread t = new Thread(() -> new ImageClassifier(model, ConversionOptions.defaults())
				.classify(image(1)));
			t.start();
			t.join();
			assertEquals(1, pool.idle(), "the buffer the thread used is back with the model");
			FloatBuffer used = pool.take();
			pool.give(used);
			new ImageClassifier(model, ConversionOptions.defaults()).classify(image(2));
			assertSame(used, pool.take(), "and this thread classifies with the same one");
		}
	}
}
