package org.csrafiji.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

class BenchOptionsTest {

	@Test
	void defaultsAreTheIssuesFigures() {
		BenchOptions o = BenchOptions.parse(List.of());
		assertEquals(1000, o.images());
		assertEquals(10_000, o.memoryImages());
		assertEquals(null, o.model());
		assertEquals("resnet50", o.arch());
		assertEquals(224, o.size());
		assertEquals(Path.of("models/demo/demo.json"), o.memoryModel());
		assertEquals(0, o.imagesPerTask()); // left to the job
		assertTrue(o.pin());
		assertTrue(o.classArchives());
	}

	@Test
	void readsEveryOption() {
		BenchOptions o = BenchOptions.parse(List.of("--images", "20", "--model", "m.json",
			"--arch", "resnet101", "--size", "448", "--memory-images", "50", "--memory-model",
			"d.json", "--images-per-task", "4", "--executor-memory", "2g", "--work", "/w",
			"--keep", "--no-pin", "--no-class-archives", "--json"));
		assertEquals(new BenchOptions(20, Path.of("m.json"), "resnet101", 448, 50, Path.of(
			"d.json"), 4, "2g", Path.of("/w"), true, true, false, false), o);
	}

	@Test
	void refusesWrongOptionsWithTheUsage() {
		assertTrue(assertThrows(JobOptions.UsageException.class, () -> BenchOptions.parse(List.of(
			"--executor-memory", "lots"))).getMessage().contains("such as 1500m"));
		assertTrue(assertThrows(JobOptions.UsageException.class, () -> BenchOptions.parse(List.of(
			"--images", "0"))).getMessage().contains("positive whole number"));
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int code = SparkBench.run(List.of("--frobnicate"), new PrintStream(
			new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
		assertEquals(2, code);
		String text = err.toString(StandardCharsets.UTF_8);
		assertTrue(text.startsWith("error: unknown option '--frobnicate'"), text);
		assertTrue(text.contains("usage: SparkBench"), text);
	}
}
