package org.csrafiji.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Ending a child process together with everything it started (a worker and its executors). */
public final class ProcessTrees {

	private ProcessTrees() {}

	/**
	 * Kills a process and its descendants at once, as a lost machine would, and waits (at most
	 * 30 s) for the process to end.
	 *
	 * @param p the process
	 */
	public static void kill(Process p) {
		List<ProcessHandle> all = new ArrayList<>(p.descendants().toList());
		all.add(p.toHandle());
		for (ProcessHandle h : all) {
			h.destroyForcibly();
		}
		try {
			p.waitFor(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}
}
