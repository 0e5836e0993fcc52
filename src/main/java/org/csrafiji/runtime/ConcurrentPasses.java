package org.csrafiji.runtime;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import ai.djl.pytorch.jni.JniUtils;

/**
 * A batch run as several forward passes at once, each on a thread of its own with the engine's
 * intra-op threads shared out among them, for throughput on the CPU. One pass spread over all
 * cores waits at a barrier after every operation; passes side by side on one core each do not:
 * measured on 2 cores with ResNet-101 at 448, two single-threaded passes side by side gave an
 * image every 257 to 272 ms, one two-threaded pass after another every 302 to 395 ms.
 * <p>
 * The engine's thread count is process-wide state of libtorch (and per thread, once a thread
 * has run an operation), and setting it empties the engine's cache of prepared convolution
 * kernels. So the passes run on threads of their own, made at the first call, that set their
 * count once and are kept for every later call; {@link #close()} ends them and sets the count
 * back to the one the first caller had, so threads that ran operations before keep theirs.
 * Each image's scores are those of a pass of its own (one image per pass where
 * {@link CsraModel#imagesPerPass()} says so); the kernels of a single-threaded pass may add in
 * another order than a multi-threaded one, which changes scores by float32 rounding only.
 */
final class ConcurrentPasses implements BatchPredictor {

	private final CsraModel model;
	private final int workers;
	private final int threadsEach;
	private ExecutorService threads;
	private int callerThreads;

	/**
	 * @param model a loaded model
	 * @param workers passes at once, at least 2
	 * @param threadsEach engine threads of each pass, at least 1
	 */
	ConcurrentPasses(CsraModel model, int workers, int threadsEach) {
		this.model = model;
		this.workers = workers;
		this.threadsEach = threadsEach;
	}

	@Override
	public FloatBuffer newInputBuffer(int batch) {
		return model.newInputBuffer(batch);
	}

	@Override
	public synchronized List<double[]> scores(FloatBuffer input, int count) {
		if (threads == null) {
			callerThreads = Engines.withProjectClassLoader(() -> {
				Engines.inferenceThread();
				return JniUtils.getNumThreads();
			});
			threads = Executors.newFixedThreadPool(workers, this::passThread);
		}
		int per = 3 * model.spec().input().size() * model.spec().input().size();
		int parts = Math.min(workers, count);
		List<Future<List<double[]>>> passes = new ArrayList<>(parts);
		try {
			for (int p = 0; p < parts; p++) {
				int from = count * p / parts;
				int to = count * (p + 1) / parts;
				FloatBuffer slice = Passes.images(input, from, to - from, per);
				passes.add(threads.submit(() -> BatchPredictor.scoresOf(model.predict(slice, to
					- from))));
			}
			List<double[]> out = new ArrayList<>(count);
			for (Future<List<double[]>> pass : passes) {
				out.addAll(Waiting.result(pass, "the model ran"));
			}
			return out;
		}
		finally {
			for (Future<List<double[]>> pass : passes) {
				pass.cancel(false);
			}
		}
	}

	/** A pass thread: grad mode off and its engine thread count set, once. */
	private Thread passThread(Runnable work) {
		Thread t = new Thread(() -> {
			Engines.inferenceThread();
			JniUtils.setNumThreads(threadsEach);
			work.run();
		}, "csra-pass");
		t.setDaemon(true);
		return t;
	}

	/** Ends the pass threads and sets the engine's thread count back. */
	@Override
	public synchronized void close() {
		if (threads == null) {
			return;
		}
		threads.shutdownNow();
		try {
			threads.awaitTermination(1, TimeUnit.MINUTES);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
		threads = null;
		JniUtils.setNumThreads(callerThreads);
	}
}
