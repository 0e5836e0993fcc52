package org.csrafiji.spark;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * JVM options a benchmark run adds to its driver and to its executors, beside the ones every
 * run has (heap, one engine thread).
 *
 * @param driver options of the driver JVM
 * @param executor options of each executor JVM
 */
public record JobJvms(List<String> driver, List<String> executor) {

	/** No options added. */
	public static final JobJvms NONE = new JobJvms(List.of(), List.of());

	/** Keeps copies of both lists. */
	public JobJvms {
		driver = List.copyOf(driver);
		executor = List.copyOf(executor);
	}

	/**
	 * @param always options every executor gets
	 * @return {@code spark.executor.extraJavaOptions}: those and this run's, each quoted where
	 *         it holds a space (Spark splits the value as a shell would)
	 */
	public String executorOptions(List<String> always) {
		return Stream.concat(always.stream(), executor.stream()).map(
			o -> o.contains(" ") ? "\"" + o + "\"" : o).collect(Collectors.joining(" "));
	}
}
