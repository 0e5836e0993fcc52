package org.csrafiji.app.pipeline;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * Applies a function to a list of items on worker threads, ahead of a consumer that takes the
 * results one by one in input order. At most {@code ahead} items are being prepared or waiting to
 * be taken at any time, so memory stays flat however long the list is: a worker claims the next
 * item only when the consumer has taken one of those before it.
 * <p>
 * A failure of the function for one item is kept as that item's outcome and handed over in its
 * place; the other items are unaffected, so the consumer decides whether to stop. {@link #close()}
 * stops the workers (interrupting them) and waits until every one has ended, so no thread
 * outlives it; use try-with-resources. Workers inherit the creating thread's context class
 * loader (plugins in Fiji find their classes through it). The function must not touch native
 * engine state that belongs to the consumer's thread (DJL arrays and managers are not thread
 * safe, and PyTorch's grad mode is per thread): workers should produce plain Java data.
 *
 * @param <I> the items
 * @param <O> what the function makes of one
 */
public final class Prefetcher<I, O> implements AutoCloseable {

	/**
	 * What the function made of one item: its value or its failure.
	 *
	 * @param <O> the value type
	 * @param index the item's position in the list
	 * @param value the value, null when it failed
	 * @param failure the failure, null when it succeeded
	 */
	public record Outcome<O>(int index, O value, Throwable failure) {

		/**
		 * @return the value
		 * @throws RuntimeException the item's own failure when it was one (an {@link Error} as
		 *         itself), as the function threw it
		 */
		public O get() {
			if (failure instanceof RuntimeException r) {
				throw r;
			}
			if (failure instanceof Error e) {
				throw e;
			}
			if (failure != null) {
				throw new IllegalStateException(failure);
			}
			return value;
		}
	}

	private final List<? extends I> items;
	private final Function<? super I, ? extends O> work;
	private final int ahead;
	private final Thread[] workers;
	private final ReentrantLock lock = new ReentrantLock();
	private final Condition changed = lock.newCondition();
	/** Finished outcomes not yet taken; never more than {@code ahead} entries. */
	private final Map<Integer, Outcome<O>> ready = new HashMap<>();
	/** The next item a worker will claim. */
	private int claimed;
	/** The next item the consumer will take. */
	private int taken;
	private boolean closed;
	private int peakHeld;

	/**
	 * Starts the workers.
	 *
	 * @param items the items, in the order results are taken; not copied, so not to be changed
	 * @param work what to make of one item; called on a worker thread
	 * @param threads worker threads, at least 1 (fewer are started for a short list)
	 * @param ahead the most items prepared or waiting at once, at least 1
	 * @param name the worker threads' name
	 */
	public Prefetcher(List<? extends I> items, Function<? super I, ? extends O> work, int threads,
		int ahead, String name)
	{
		if (threads < 1 || ahead < 1) {
			throw new IllegalArgumentException("threads " + threads + " and ahead " + ahead
				+ " must be at least 1");
		}
		this.items = items;
		this.work = work;
		this.ahead = ahead;
		int n = Math.max(0, Math.min(threads, Math.min(ahead, items.size())));
		ClassLoader loader = Thread.currentThread().getContextClassLoader();
		workers = new Thread[n];
		for (int i = 0; i < n; i++) {
			Thread t = new Thread(this::runWorker, name + "-" + (i + 1));
			t.setDaemon(true);
			t.setContextClassLoader(loader);
			workers[i] = t;
		}
		for (Thread t : workers) {
			t.start();
		}
	}

	/** @return whether an item remains to be taken */
	public boolean hasNext() {
		lock.lock();
		try {
			return taken < items.size();
		}
		finally {
			lock.unlock();
		}
	}

	/**
	 * Waits for the next item's outcome, in input order.
	 *
	 * @return its outcome
	 * @throws InterruptedException when the calling thread is interrupted while waiting
	 * @throws NoSuchElementException when every item was taken
	 * @throws IllegalStateException after {@link #close()}
	 */
	public Outcome<O> next() throws InterruptedException {
		lock.lock();
		try {
			if (closed) {
				throw new IllegalStateException("The prefetcher is closed.");
			}
			if (taken >= items.size()) {
				throw new NoSuchElementException("All " + items.size() + " items were taken.");
			}
			Outcome<O> o;
			while ((o = ready.remove(taken)) == null) {
				changed.await();
			}
			taken++;
			changed.signalAll();
			return o;
		}
		finally {
			lock.unlock();
		}
	}

	/**
	 * @return the most items that were being prepared or waiting at one time so far
	 */
	public int peakHeld() {
		lock.lock();
		try {
			return peakHeld;
		}
		finally {
			lock.unlock();
		}
	}

	/**
	 * Stops the workers and waits for them to end; items not yet taken are dropped. A worker in
	 * the middle of an item is interrupted and its result discarded. Idempotent.
	 */
	@Override
	public void close() {
		lock.lock();
		try {
			closed = true;
			ready.clear();
			changed.signalAll();
		}
		finally {
			lock.unlock();
		}
		for (Thread t : workers) {
			t.interrupt();
		}
		boolean interrupted = false;
		for (Thread t : workers) {
			while (t.isAlive()) {
				try {
					t.join();
				}
				catch (InterruptedException e) {
					// Keep waiting: no worker may outlive close(); restore the flag after.
					interrupted = true;
				}
			}
		}
		if (interrupted) {
			Thread.currentThread().interrupt();
		}
	}

	private void runWorker() {
		while (true) {
			int index;
			lock.lock();
			try {
				while (!closed && claimed < items.size() && claimed - taken >= ahead) {
					changed.awaitUninterruptibly();
				}
				if (closed || claimed >= items.size()) {
					return;
				}
				index = claimed++;
				peakHeld = Math.max(peakHeld, claimed - taken);
			}
			finally {
				lock.unlock();
			}
			Outcome<O> outcome;
			try {
				outcome = new Outcome<>(index, work.apply(items.get(index)), null);
			}
			catch (RuntimeException | Error e) {
				outcome = new Outcome<>(index, null, e);
			}
			lock.lock();
			try {
				if (closed) {
					return;
				}
				ready.put(index, outcome);
				changed.signalAll();
			}
			finally {
				lock.unlock();
			}
		}
	}
}
