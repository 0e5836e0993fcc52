package org.csrafiji.runtime;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.csrafiji.core.Prediction;

import ai.djl.pytorch.jni.JniUtils;

/**
 * Lanes for whole jobs on the CPU: a few threads that each run forward passes with their share
 * of the engine's intra-op threads, so that passes run side by side instead of one pass spread
 * over every core (which waits at a barrier after every operation). Measured on 2 cores with
 * ResNet-101 at 448: two single-threaded passes side by side gave an image every 257 to 272 ms,
 * one two-threaded pass after another every 302 to 395 ms. With one lane (a GPU, or one core)
 * work runs on the caller's thread, as without lanes.
 * <p>
 * The engine's thread count is process-wide state of libtorch (and per thread, once a thread
 * has run an operation), and setting it empties the engine's cache of prepared convolution
 * kernels. So the lanes are threads of their own, made at the first submission, that set their
 * count once (grad mode off) and are kept for every later one; {@link #close()} ends them and
 * sets the count back to the one the first submitter had, so threads that ran operations before
 * keep theirs. The kernels of a single-threaded pass may add in another order than a
 * multi-threaded one, which changes scores by float32 rounding only.
 */
public final class PassLanes implements AutoCloseable {

	/**
	 * The most lanes {@link #forJobs} makes: each pass holds its own intermediates (about 100 MB
	 * for ResNet-101 at 448), so many cores go to a few lanes with several threads each.
	 */
	public static final int MOST_LANES = 4;

	private final int lanes;
	private final int threadsEach;
	private ExecutorService threads;
	private int callerThreads;

	private PassLanes(int lanes, int threadsEach) {
		this.lanes = lanes;
		this.threadsEach = threadsEach;
	}

	/**
	 * Lanes for a job of a known number of images (the tiles of a plane, the objects of an
	 * image): those of {@link #forJobs(CsraModel)}, but only as many as give each lane at least
	 * two images, as a lane's first pass on a fresh thread count also prepares its kernels.
	 *
	 * @param model a loaded model
	 * @param images images the job classifies
	 * @return the lanes
	 */
	public static PassLanes forImages(CsraModel model, int images) {
		PassLanes all = forJobs(model);
		int n = Math.max(1, Math.min(all.lanes, images / 2));
		return n == all.lanes ? all : of(n, n == 1 ? 0 : all.lanes * all.threadsEach / n);
	}

	/**
	 * @param lanes passes at once, at least 1
	 * @param threadsEach engine threads of each lane, at least 1 (unused with one lane)
	 * @return the lanes
	 */
	static PassLanes of(int lanes, int threadsEach) {
		if (lanes < 1 || (lanes > 1 && threadsEach < 1)) {
			throw new IllegalArgumentException(lanes + " lanes of " + threadsEach + " threads");
		}
		return new PassLanes(lanes, threadsEach);
	}

	/**
	 * Lanes sharing the engine threads this thread has now (the engine's intra-op threads: all
	 * cores unless {@code -Dai.djl.pytorch.num_threads} or {@code OMP_NUM_THREADS} says
	 * otherwise), so a process told to use one thread (a shard of a cluster array) keeps one.
	 *
	 * @param model a loaded model
	 * @return the lanes of {@link #forJobs(CsraModel, int)} for that many cores
	 */
	public static PassLanes forJobs(CsraModel model) {
		return forJobs(model, callersThreads());
	}

	/** @return the engine's thread count on this thread (started, grad mode off) */
	private static int callersThreads() {
		return Engines.withProjectClassLoader(() -> {
			Engines.inferenceThread();
			return JniUtils.getNumThreads();
		});
	}

	/**
	 * @param model a loaded model
	 * @param cores processors to use
	 * @return on a CPU with several cores, up to {@link #MOST_LANES} lanes with the cores shared
	 *         out among them; otherwise one lane, the caller's thread
	 */
	public static PassLanes forJobs(CsraModel model, int cores) {
		int n = Math.min(MOST_LANES, cores);
		if (model.device().isGpu() || n < 2) {
			return of(1, 0);
		}
		return of(n, Math.max(1, cores / n));
	}

	/** @return how many passes run at once */
	public int lanes() {
		return lanes;
	}

	/**
	 * Runs work that makes forward passes on a free lane (with one lane: now, on this thread).
	 *
	 * @param work the work
	 * @return its result, when done
	 */
	public synchronized <T> Future<T> submit(Callable<T> work) {
		if (lanes == 1) {
			try {
				return CompletableFuture.completedFuture(work.call());
			}
			catch (Exception | Error e) {
				return CompletableFuture.failedFuture(e);
			}
		}
		if (threads == null) {
			callerThreads = callersThreads();
			ClassLoader loader = Thread.currentThread().getContextClassLoader();
			threads = Executors.newFixedThreadPool(lanes, r -> lane(r, loader));
		}
		return threads.submit(work);
	}

	/**
	 * The predictions of a batch, its images shared out among the lanes in order (each lane's
	 * part in passes of its own, as {@link CsraModel#predict(FloatBuffer, int)} splits them).
	 *
	 * @param model the model
	 * @param input the images from position 0, 3 x size x size floats each
	 * @param count how many images the buffer holds
	 * @return one prediction per image, in the images' order
	 */
	public List<Prediction> predict(CsraModel model, FloatBuffer input, int count) {
		if (lanes == 1) {
			return model.predict(input, count);
		}
		int per = 3 * model.spec().input().size() * model.spec().input().size();
		int parts = Math.min(lanes, count);
		List<Future<List<Prediction>>> passes = new ArrayList<>(parts);
		try {
			for (int p = 0; p < parts; p++) {
				int from = count * p / parts;
				int to = count * (p + 1) / parts;
				FloatBuffer slice = Passes.images(input, from, to - from, per);
				passes.add(submit(() -> model.predict(slice, to - from)));
			}
			List<Prediction> out = new ArrayList<>(count);
			for (Future<List<Prediction>> pass : passes) {
				out.addAll(await(pass, "the model ran"));
			}
			return out;
		}
		finally {
			for (Future<List<Prediction>> pass : passes) {
				pass.cancel(false);
			}
		}
	}

	/**
	 * @param work what {@link #submit} returned
	 * @param what what the work does, for the message when the wait is interrupted
	 * @return its result
	 * @throws RuntimeException what the work threw, unchanged
	 */
	public static <T> T await(Future<T> work, String what) {
		return Waiting.result(work, what);
	}

	/** A lane: grad mode off and its engine thread count set, once. */
	private Thread lane(Runnable work, ClassLoader loader) {
		Thread t = new Thread(() -> {
			Engines.inferenceThread();
			JniUtils.setNumThreads(threadsEach);
			work.run();
		}, "csra-pass");
		t.setDaemon(true);
		t.setContextClassLoader(loader);
		return t;
	}

	/** Ends the lanes (after the work they hold) and sets the engine's thread count back. */
	@Override
	public synchronized void close() {
		if (threads == null) {
			return;
		}
		threads.shutdown();
		try {
			threads.awaitTermination(1, TimeUnit.MINUTES);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
		threads.shutdownNow();
		threads = null;
		JniUtils.setNumThreads(callerThreads);
	}
}
