package org.csrafiji.runtime;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

import org.csrafiji.core.EngineException;

import ai.djl.pytorch.jni.JniUtils;

/**
 * A batch run as several forward passes at once, each on a thread of its own with the engine's
 * intra-op threads shared out among them, for throughput on the CPU. One pass spread over all
 * cores waits at a barrier after every operation; passes side by side on one core each do not:
 * measured on 2 cores with ResNet-101 at 448, two single-threaded passes side by side gave an
 * image every 257 to 272 ms, one two-threaded pass after another every 302 to 395 ms.
 * <p>
 * The engine's thread count is process-wide state of libtorch (and per thread, once a thread
 * has run an operation): each call starts fresh threads that set their own count, and the
 * caller's count is set back when they end, so threads that ran operations before keep
 * theirs. Each image's scores are those of a pass of its own (one image per pass where
 * {@link CsraModel#imagesPerPass()} says so); the kernels of a single-threaded pass may add in
 * another order than a multi-threaded one, which changes scores by float32 rounding only.
 */
final class ConcurrentPasses implements BatchPredictor {

	private final CsraModel model;
	private final int workers;
	private final int threadsEach;

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
	public List<double[]> scores(FloatBuffer input, int count) {
		int per = 3 * model.spec().input().size() * model.spec().input().size();
		int parts = Math.min(workers, count);
		List<FutureTask<List<double[]>>> tasks = new ArrayList<>(parts);
		for (int p = 0; p < parts; p++) {
			int from = count * p / parts;
			int to = count * (p + 1) / parts;
			FloatBuffer slice = input.duplicate().position(from * per).limit(to * per).slice();
			Callable<List<double[]>> pass = () -> {
				Engines.inferenceThread();
				JniUtils.setNumThreads(threadsEach);
				return BatchPredictor.scoresOf(model.predict(slice, to - from));
			};
			tasks.add(new FutureTask<>(pass));
		}
		int callerThreads = JniUtils.getNumThreads();
		List<double[]> out = new ArrayList<>(count);
		try {
			for (int p = 0; p < parts; p++) {
				Thread t = new Thread(tasks.get(p), "csra-pass-" + p);
				t.setDaemon(true);
				t.start();
			}
			for (FutureTask<List<double[]>> task : tasks) {
				out.addAll(await(task));
			}
		}
		finally {
			for (FutureTask<List<double[]>> task : tasks) {
				task.cancel(false);
			}
			JniUtils.setNumThreads(callerThreads);
		}
		return out;
	}

	private static List<double[]> await(FutureTask<List<double[]>> task) {
		try {
			return task.get();
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new EngineException("Interrupted while the model ran.", e);
		}
		catch (ExecutionException e) {
			if (e.getCause() instanceof RuntimeException r) {
				throw r;
			}
			if (e.getCause() instanceof Error err) {
				throw err;
			}
			throw new EngineException(String.valueOf(e.getCause().getMessage()), e.getCause());
		}
	}
}
