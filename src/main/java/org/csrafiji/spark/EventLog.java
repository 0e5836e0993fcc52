package org.csrafiji.spark;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.csrafiji.core.CsraException;

/**
 * The tasks of one application as its Spark event log ({@code spark.eventLog.enabled},
 * uncompressed) records them: when each successful task started and ended on its executor, and
 * how many rows it wrote. The driver stamps both times with its wall clock, so they compare with
 * {@link System#currentTimeMillis()} of any process on the same machine.
 *
 * @param appId the application's id (the log's file name)
 * @param tasks the successful tasks of the stage that wrote the most rows (the classification)
 */
public record EventLog(String appId, List<Task> tasks) {

	/**
	 * A successful task.
	 *
	 * @param executor the executor's id
	 * @param launchMs when it started, ms since the epoch
	 * @param finishMs when it ended, ms since the epoch
	 * @param rowsWritten the rows it wrote
	 * @param runMs its time running on the executor ({@code Executor Run Time})
	 * @param cpuMs of that, the CPU time of its thread ({@code Executor CPU Time})
	 */
	public record Task(String executor, long launchMs, long finishMs, long rowsWritten,
		long runMs, double cpuMs)
	{}

	/**
	 * @param folder the folder {@code spark.eventLog.dir} named, holding one application's log
	 * @return the tasks of its stage that wrote the most rows, in order of finishing
	 */
	public static EventLog read(Path folder) {
		Map<Integer, List<Task>> stages = new HashMap<>();
		List<Path> logs;
		try (Stream<Path> files = Files.list(folder)) {
			logs = files.toList();
			if (logs.size() != 1) {
				throw new CsraException("Expected one Spark event log in " + folder + ", found "
					+ logs.size() + ".");
			}
			try (BufferedReader r = Files.newBufferedReader(logs.get(0), StandardCharsets.UTF_8)) {
				for (String line = r.readLine(); line != null; line = r.readLine()) {
					JsonObject e = JsonParser.parseString(line).getAsJsonObject();
					if ("SparkListenerTaskEnd".equals(e.get("Event").getAsString())) {
						taskEnd(e, stages);
					}
				}
			}
		}
		catch (IOException e) {
			throw new CsraException("Cannot read the Spark event log in " + folder + ": " + e
				.getMessage());
		}
		List<Task> most = stages.values().stream().max(Comparator.comparingLong(EventLog::rows))
			.orElse(List.of());
		List<Task> sorted = new ArrayList<>(most);
		sorted.sort(Comparator.comparingLong(Task::finishMs));
		return new EventLog(logs.get(0).getFileName().toString(), List.copyOf(sorted));
	}

	private static void taskEnd(JsonObject e, Map<Integer, List<Task>> stages) {
		JsonObject info = e.getAsJsonObject("Task Info");
		if (flag(info, "Failed") || flag(info, "Killed")) {
			return;
		}
		long rows = 0;
		long runMs = 0;
		double cpuMs = 0;
		JsonObject metrics = e.getAsJsonObject("Task Metrics");
		JsonElement output = metrics == null ? null : metrics.get("Output Metrics");
		if (output != null && output.isJsonObject()) {
			rows = output.getAsJsonObject().get("Records Written").getAsLong();
		}
		if (metrics != null && metrics.has("Executor Run Time")) {
			runMs = metrics.get("Executor Run Time").getAsLong();
			cpuMs = metrics.get("Executor CPU Time").getAsLong() / 1e6; // nanoseconds
		}
		stages.computeIfAbsent(e.get("Stage ID").getAsInt(), k -> new ArrayList<>()).add(new Task(
			info.get("Executor ID").getAsString(), info.get("Launch Time").getAsLong(), info.get(
				"Finish Time").getAsLong(),
			rows, runMs, cpuMs));
	}

	private static boolean flag(JsonObject o, String key) {
		return o.has(key) && o.get(key).getAsBoolean();
	}

	private static long rows(List<Task> tasks) {
		return tasks.stream().mapToLong(Task::rowsWritten).sum();
	}

	/** @return how many executors ran the tasks */
	public long executors() {
		return tasks.stream().map(Task::executor).distinct().count();
	}

	/** @return the rows the tasks wrote */
	public long rows() {
		return rows(tasks);
	}

	/** @return when the first task started, ms since the epoch */
	public long firstLaunchMs() {
		return tasks.stream().mapToLong(Task::launchMs).min().orElse(0);
	}

	/** @return when the last task ended, ms since the epoch */
	public long lastFinishMs() {
		return tasks.stream().mapToLong(Task::finishMs).max().orElse(0);
	}

	/**
	 * @return seconds from the first task's start to the last task's end: the classification as
	 *         the executors saw it (each executor's first task includes its model load)
	 */
	public double tasksSeconds() {
		return (lastFinishMs() - firstLaunchMs()) / 1e3;
	}

	/**
	 * @return each executor's first task (the one that loads the model) in seconds from its
	 *         start to its end, executors in order of id
	 */
	public List<Double> firstTaskSeconds() {
		Map<String, Task> first = new TreeMap<>();
		for (Task t : tasks) {
			first.merge(t.executor(), t, (a, b) -> a.launchMs() <= b.launchMs() ? a : b);
		}
		return first.values().stream().map(t -> (t.finishMs() - t.launchMs()) / 1e3).toList();
	}

	/**
	 * @return the share of the tasks' running time their threads were on a CPU (Spark's
	 *         {@code Executor CPU Time} over {@code Executor Run Time}, summed over the tasks);
	 *         the rest the task thread waited (for the reading thread, for the CPU it shares with
	 *         the executor's other threads, for input)
	 */
	public double taskCpuShare() {
		long run = tasks.stream().mapToLong(Task::runMs).sum();
		double cpu = tasks.stream().mapToDouble(Task::cpuMs).sum();
		return run == 0 ? Double.NaN : cpu / run;
	}

	/**
	 * @param rows a number of rows
	 * @return when the tasks had written that many rows in all (ms since the epoch), or the last
	 *         task's end if they wrote fewer
	 */
	public long timeOfRows(long rows) {
		long sum = 0;
		for (Task t : tasks) {
			sum += t.rowsWritten();
			if (sum >= rows) {
				return t.finishMs();
			}
		}
		return tasks.isEmpty() ? 0 : tasks.get(tasks.size() - 1).finishMs();
	}
}
