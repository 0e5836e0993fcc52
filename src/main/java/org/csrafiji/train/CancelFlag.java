package org.csrafiji.train;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * A training run's cancel flag, shared between the thread that trains (which reads it before
 * every iteration, as {@link Trainer#run} does with any {@link BooleanSupplier}) and one that
 * stops it (a Ctrl-C shutdown hook, a Fiji stop button), which can then wait, bounded, until
 * the run has returned and its files are complete.
 */
public final class CancelFlag implements BooleanSupplier {

	private final AtomicBoolean cancelled = new AtomicBoolean();
	private final CountDownLatch finished = new CountDownLatch(1);

	@Override
	public boolean getAsBoolean() {
		return cancelled.get();
	}

	/** Asks the run to stop before its next iteration. */
	public void cancel() {
		cancelled.set(true);
	}

	/** Called by the training thread once the run has returned (normally or not). */
	public void finished() {
		finished.countDown();
	}

	/**
	 * @param timeoutMillis the most to wait
	 * @return whether the run finished within the time
	 * @throws InterruptedException when the waiting thread is interrupted
	 */
	public boolean awaitFinished(long timeoutMillis) throws InterruptedException {
		return finished.await(timeoutMillis, TimeUnit.MILLISECONDS);
	}
}
