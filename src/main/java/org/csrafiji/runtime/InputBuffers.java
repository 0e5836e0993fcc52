package org.csrafiji.runtime;

import java.nio.FloatBuffer;
import java.util.Deque;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A model's single-image input buffers, lent to callers and taken back. Callers that come and
 * go (a command run in Fiji, a task on a Spark executor, a classifier per request) reuse them
 * instead of each making a direct buffer, whose native memory returns only when the garbage
 * collector happens to find the buffer object: a buffer that outlived a young collection waits
 * for the old generation's, which heap sizing does not see coming. One buffer per thread that
 * classifies at the same time; at most {@code keep} idle ones are kept, any more are left to
 * the collector. Thread-safe.
 */
public final class InputBuffers {

	private final Supplier<FloatBuffer> make;
	private final int capacity;
	private final int keep;
	private final Deque<FloatBuffer> idle = new ConcurrentLinkedDeque<>();
	private final AtomicInteger idleCount = new AtomicInteger();

	/**
	 * @param make makes a new buffer (all of the same capacity)
	 * @param capacity the floats each buffer holds
	 * @param keep the most idle buffers kept, at least 1
	 */
	InputBuffers(Supplier<FloatBuffer> make, int capacity, int keep) {
		this.make = make;
		this.capacity = capacity;
		this.keep = Math.max(1, keep);
	}

	/** @return an idle buffer, cleared, or a new one when all are lent out */
	public FloatBuffer take() {
		FloatBuffer b = idle.poll();
		if (b == null) {
			return make.get();
		}
		idleCount.decrementAndGet();
		return b.clear();
	}

	/**
	 * Takes a buffer back; the caller must not use it afterwards.
	 *
	 * @param b a buffer from {@link #take()}
	 * @throws IllegalArgumentException when {@code b} is not one of this model's input buffers
	 */
	public void give(FloatBuffer b) {
		if (b.capacity() != capacity || !b.isDirect()) {
			throw new IllegalArgumentException("Not an input buffer of this model: " + b);
		}
		if (idleCount.incrementAndGet() <= keep) {
			idle.push(b);
		}
		else {
			idleCount.decrementAndGet();
		}
	}

	/** @return how many buffers are idle now (for monitoring and tests) */
	public int idle() {
		return idleCount.get();
	}
}
