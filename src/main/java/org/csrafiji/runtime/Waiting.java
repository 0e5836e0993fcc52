package org.csrafiji.runtime;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import org.csrafiji.core.EngineException;

/** Waits for engine work done on another thread, handing its failure to the caller unchanged. */
final class Waiting {

	private Waiting() {}

	/**
	 * @param work the work
	 * @param what what it does, for the message when the wait is interrupted ("the model ran")
	 * @return its result
	 * @throws RuntimeException what the work threw
	 * @throws EngineException when interrupted while waiting (the interrupt is kept)
	 */
	static <T> T result(Future<T> work, String what) {
		try {
			return work.get();
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new EngineException("Interrupted while " + what + ".", e);
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
