package org.csrafiji.runtime;

import java.nio.FloatBuffer;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.LinkedBlockingDeque;
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
	private final BlockingDeque<FloatBuffer> idle;

	/**
	 * @param make makes a new buffer (all of the same capacity)
	 * @param capacity the floats each buffer holds
	 * @param keep the most idle buffers kept, at least 1
	 */
	InputBuffers(Supplier<FloatBuffer> make, int capacity, int keep) {
		this.make = make;
		this.capacity = capacity;
		this.idle = new LinkedBlockingDeque<>(Math.max(1, keep));
	}

	/** @return an idle buffer, cleared, or a new one when all are lent out */
	public FloatBuffer take() {
		FloatBuffer b = idle.pollFirst();
		return b == null ? make.get() : b.clear();
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
		idle.offerFirst(b); // refused when keep are idle already: left to the collector
	}

	/** @return how many buffers are idle now (for monitoring and tests) */
	public int idle() {
		return idle.size();
	}
}
