package org.csrafiji.spark;

import org.apache.spark.TaskContext;
import org.csrafiji.runtime.CsraModel;

import ai.djl.pytorch.jni.JniUtils;

/**
 * Gives each task the engine threads of its own CPUs. An executor runs one task per core at
 * once, each on its own thread, and libtorch's intra-op threads default to all of the machine's
 * cores: four tasks on four cores would run sixteen threads that wait for each other at every
 * operation. So each task thread runs the engine with {@code spark.task.cpus} threads (1 by
 * default), set once per thread (setting the count empties libtorch's cache of prepared
 * kernels, and Spark reuses its task threads). An explicit choice wins: with
 * {@code OMP_NUM_THREADS} in the executor's environment, or the system property
 * {@code ai.djl.pytorch.num_threads}, nothing is changed; nor on a GPU.
 */
final class TaskThreads {

	private TaskThreads() {}

	/**
	 * Sets the calling task thread's engine threads when they differ from its task's CPUs.
	 *
	 * @param model the executor's model
	 */
	static void forThisTask(CsraModel model) {
		TaskContext task = TaskContext.get();
		if (task == null || model.device().isGpu() || System.getenv("OMP_NUM_THREADS") != null
			|| System.getProperty("ai.djl.pytorch.num_threads") != null)
		{
			return;
		}
		int cpus = Math.max(1, task.cpus());
		if (JniUtils.getNumThreads() != cpus) {
			JniUtils.setNumThreads(cpus);
			System.err.println("csra: engine threads of task thread '" + Thread.currentThread()
				.getName() + "': " + JniUtils.getNumThreads() + " (spark.task.cpus)");
		}
	}
}
