package org.csrafiji.checkpoint;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;

import org.csrafiji.core.CheckpointException;

/**
 * What one {@link Checkpoints#read} cost, measured by the JVM rather than by the reader:
 * heap bytes the reading thread allocated (com.sun.management.ThreadMXBean, exact and
 * deterministic: it counts every allocation, also those the collector freed at once, so it is
 * an upper bound of the heap the read needed), growth of the direct buffer pool, where tensor
 * memory lives, and wall time.
 *
 * @param heapAllocated heap bytes allocated by the reading thread
 * @param directGrowth bytes of direct buffers in use after the read minus before, the result
 *          still reachable
 * @param nanos wall time
 * @param result the state dict, or null when the read was refused
 * @param refusal the refusal, or null
 */
record ReadCost(long heapAllocated, long directGrowth, long nanos, StateDict result,
	CheckpointException refusal)
{

	private static final com.sun.management.ThreadMXBean THREADS = (com.sun.management.ThreadMXBean) ManagementFactory
		.getThreadMXBean();

	/**
	 * Reads a file and measures it. Any exception other than CheckpointException, and any
	 * Error, propagates.
	 */
	static ReadCost of(Path file) {
		long id = Thread.currentThread().getId();
		long direct = directUsed();
		long heap = THREADS.getThreadAllocatedBytes(id);
		long t = System.nanoTime();
		StateDict result = null;
		CheckpointException refusal = null;
		try {
			result = Checkpoints.read(file);
		}
		catch (CheckpointException e) {
			refusal = e;
		}
		long nanos = System.nanoTime() - t;
		long heapAllocated = THREADS.getThreadAllocatedBytes(id) - heap;
		return new ReadCost(heapAllocated, directUsed() - direct, nanos, result, refusal);
	}

	/** @return heap plus direct bytes */
	long bytes() {
		return heapAllocated + Math.max(0, directGrowth);
	}

	private static long directUsed() {
		for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
			if (pool.getName().equals("direct")) return pool.getMemoryUsed();
		}
		throw new IllegalStateException("no direct buffer pool");
	}
}
