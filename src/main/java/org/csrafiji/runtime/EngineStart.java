package org.csrafiji.runtime;

import java.util.concurrent.FutureTask;

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
	 * @throws org.csrafiji.core.EngineException when interrupted while waiting (the interrupt is
	 *         kept)
	 */
	public Engine await() {
		return Waiting.result(task, "the engine was starting");
	}
}
