package org.csrafiji.train;

import ai.djl.Device;
import ai.djl.engine.Engine;

import org.csrafiji.core.ClassLabels;
import org.csrafiji.runtime.Engines;

import java.util.Random;

/**
 * Training-step throughput on random data: forward, masked BCE, backward and the SGD update,
 * exactly the step the trainer runs, without data loading. For the benchmark that puts it
 * beside PyTorch's own training step on the same network and batch.
 */
public final class TrainingBenchmark {

	private TrainingBenchmark() {}

	/**
	 * @param options network, input size, batch size and optimiser settings
	 * @param classes number of classes
	 * @param warmup untimed steps first
	 * @param steps timed steps
	 * @param device where to train
	 * @return training images per second over the timed steps
	 */
	public static double imagesPerSecond(TrainingOptions options, int classes, int warmup,
		int steps, Device device)
	{
		return Engines.withProjectClassLoader(() -> {
			Engines.inferenceThread();
			int s = options.size();
			int b = options.batchSize();
			Random random = new Random(options.seed());
			float[] pixels = new float[b * 3 * s * s];
			float[] targets = new float[b * classes];
			float[] mask = new float[b * classes];
			for (int i = 0; i < pixels.length; i++) {
				pixels[i] = random.nextFloat();
			}
			for (int i = 0; i < targets.length; i++) {
				targets[i] = random.nextBoolean() ? 1 : 0;
				mask[i] = 1;
			}
			Batch batch = new Batch(b, pixels, targets, mask);
			Engine engine = Engines.pytorch();
			try (TrainableNetwork net = TrainableNetwork.create(options, ClassLabels.generic(
				classes), device);
				SgdMomentum sgd = new SgdMomentum(net.trainable(), options.momentum(), options
					.weightDecay()))
			{
				for (int i = 0; i < warmup; i++) {
					Trainer.step(net, sgd, engine, batch, s, classes, options.lr());
				}
				long start = System.nanoTime();
				for (int i = 0; i < steps; i++) {
					Trainer.step(net, sgd, engine, batch, s, classes, options.lr());
				}
				return (double) steps * b / ((System.nanoTime() - start) / 1e9);
			}
		});
	}
}
