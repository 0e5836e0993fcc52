package org.csrafiji.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

class JobOptionsTest {

	@Test
	void readsEveryOption() {
		JobOptions o = JobOptions.parse(List.of("--master", "local[2]", "--model", "m.json",
			"--input", "hdfs://nn/images/*.tif", "--output", "s3a://b/out", "--csv", "--evaluate",
			"labels.csv", "--all-slices", "--images-per-task", "5"));
		assertEquals(new JobOptions("local[2]", Path.of("m.json"), "hdfs://nn/images/*.tif",
			"s3a://b/out", true, Path.of("labels.csv"), true, 5), o);
	}

	@Test
	void masterIsLeftToSparkSubmitWhenNotGiven() {
		JobOptions o = JobOptions.parse(List.of("--model", "m.json", "--input", "in", "--output",
			"out"));
		assertNull(o.master());
		assertEquals(0, o.imagesPerTask()); // chosen from the job's size
	}

	@Test
	void imagesPerTaskLeaveFourTasksPerCoreFromSmallToLargeTasks() {
		JobOptions o = JobOptions.parse(List.of("--model", "m.json", "--input", "in", "--output",
			"out"));
		// Two cores: 16 a task up to 128 images, 64 a task from 449 images on.
		assertEquals(JobOptions.SMALL_TASK, o.perTask(1, 2));
		assertEquals(JobOptions.SMALL_TASK, o.perTask(128, 2));
		assertEquals(17, o.perTask(129, 2));
		assertEquals(JobOptions.LARGE_TASK, o.perTask(1_000, 2));
		assertEquals(16, o.tasks(1_000, 2));
		assertEquals(1, o.tasks(7, 2));
		// A hundred cores keep 16 a task for 1,000 images (63 tasks), and Spark's parallelism
		// of 0 (nothing registered) counts as one core.
		assertEquals(63, o.tasks(1_000, 100));
		assertEquals(JobOptions.LARGE_TASK, o.perTask(1_000, 0));
		// Ten million images: 500 a task instead of 156,250 tasks of 64; no int overflow.
		assertEquals(JobOptions.MOST_TASKS, o.tasks(10_000_000, 2));
		assertEquals(JobOptions.MOST_TASKS, o.tasks(Integer.MAX_VALUE, Integer.MAX_VALUE));
		JobOptions given = JobOptions.parse(List.of("--model", "m.json", "--input", "in",
			"--output", "out", "--images-per-task", "1"));
		assertEquals(1, given.perTask(1_000, 2));
		assertEquals(7, given.tasks(7, 2));
		assertEquals(JobOptions.MOST_TASKS, given.tasks(10_000_000, 2));
	}

	@Test
	void refusesIncompleteOrWrongCommandLines() {
		assertTrue(assertThrows(JobOptions.UsageException.class, () -> JobOptions.parse(List.of(
			"--model", "m.json"))).getMessage().contains("--output are required"));
		assertTrue(assertThrows(JobOptions.UsageException.class, () -> JobOptions.parse(List.of(
			"--model"))).getMessage().contains("--model needs a value"));
		assertTrue(assertThrows(JobOptions.UsageException.class, () -> JobOptions.parse(List.of(
			"--shard", "1/2"))).getMessage().contains("unknown option '--shard'"));
		assertTrue(assertThrows(JobOptions.UsageException.class, () -> JobOptions.parse(List.of(
			"--images-per-task", "0"))).getMessage().contains("positive whole number, not '0'"));
	}

	@Test
	void aWrongCommandLineIsExitCode2WithUsageAndNoSparkStarted() {
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		int code = ClassifyJob.run(List.of("--model", "m.json"), new PrintStream(out, true,
			StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
		assertEquals(2, code);
		String text = err.toString(StandardCharsets.UTF_8);
		assertTrue(text.startsWith("error: --model, --input and --output are required\nusage:"),
			text);
		assertEquals("", out.toString(StandardCharsets.UTF_8));
	}
}
