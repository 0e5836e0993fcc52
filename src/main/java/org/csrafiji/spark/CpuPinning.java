package org.csrafiji.spark;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Running a child process on given CPUs only (Linux {@code taskset}), so that N one-core
 * workers on a machine of N cores each own their core, as on a cluster whose executors own
 * their cores. The affinity is inherited by everything the process starts (a worker's
 * executors). Without {@code taskset}, or on a machine with too few CPUs, nothing is pinned and
 * {@link #available} says so.
 */
final class CpuPinning {

	private CpuPinning() {}

	/**
	 * @param cpus how many CPUs the pinned processes need together
	 * @return whether this machine runs Linux, has {@code taskset} on its {@code PATH} and at
	 *         least that many CPUs available to this JVM
	 */
	static boolean available(int cpus) {
		return System.getProperty("os.name", "").startsWith("Linux") && Runtime.getRuntime()
			.availableProcessors() >= cpus && taskset() != null;
	}

	/**
	 * @param first the first CPU, counted from 0
	 * @param count how many CPUs from there
	 * @param command a command line
	 * @return the command line run on those CPUs only
	 */
	static List<String> on(int first, int count, List<String> command) {
		String tool = taskset();
		if (tool == null) {
			throw new IllegalStateException("taskset is not on the PATH; ask available() first");
		}
		List<String> out = new ArrayList<>(List.of(tool, "-c", first + "-" + (first + count
			- 1)));
		out.addAll(command);
		return out;
	}

	private static String taskset() {
		String path = System.getenv("PATH");
		if (path == null) {
			return null;
		}
		for (String dir : path.split(File.pathSeparator)) {
			Path p = Path.of(dir.isEmpty() ? "." : dir, "taskset");
			if (Files.isExecutable(p)) {
				return p.toString();
			}
		}
		return null;
	}
}
