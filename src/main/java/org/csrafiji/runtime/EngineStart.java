package org.csrafiji.runtime;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

import org.csrafiji.core.EngineException;

import ai.djl.engine.Engine;

/**
 * The engine starting on a thread of its own ({@link Engines#startInBackground()}). Its
 * failure is the caller's: {@link #await()} throws exactly what the start threw, so that the
 * message a user sees (no natives, another libtorch, no GPU) does not depend on the thread
 * it happened on.
 */
public final class EngineStart {

	private final FutureTask<Engine> task;

	private EngineStart(FutureTask<Engine> task) {
		this.task = task;
	}

	static EngineStart begin() {
		FutureTask<Engine> task = new FutureTask<>(Engines::pytorch);
		if (JvmNatives.started()) {
			task.run();
			return new EngineStart(task);
		}
		Thread t = new Thread(task, "csra-engine-start");
		t.setDaemon(true);
		t.start();
		return new EngineStart(task);
	}

	/**
	 * Waits for the start to end.
	 *
	 * @return the engine
	 * @throws RuntimeException what the start threw
	 * @throws EngineException when interrupted while waiting (the interrupt is kept)
	 */
	public Engine await() {
		try {
			return task.get();
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new EngineException("Interrupted while the engine was starting.", e);
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
