package org.csrafiji.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.csrafiji.core.CsraException;

/**
 * The whole-job part of {@code bench}, each job in a fresh process so that start-up counts as
 * a user sees it: {@code evaluate --dataset voc2007:DIR} over a generated VOC folder (Java),
 * the authors' evaluation loop in plain PyTorch over the same folder and checkpoint
 * ({@code bench_pytorch.py --eval-loop}), and the time to the first result in a new JVM
 * ({@link FirstResult}).
 */
final class JobBench {

	/** Images per forward pass in both jobs: the authors' val.py batch. */
	static final int BATCH = 16;

	private final Path voc;
	private final Path checkpoint;
	private final String arch;
	private final int size;
	private final PrintStream err;

	/**
	 * @param voc the generated VOC folder
	 * @param checkpoint the random checkpoint both jobs load
	 * @param arch its architecture
	 * @param size the input side
	 * @param err where progress goes
	 */
	JobBench(Path voc, Path checkpoint, String arch, int size, PrintStream err) {
		this.size = size;
		this.voc = voc;
		this.checkpoint = checkpoint;
		this.arch = arch;
		this.err = err;
	}

	/**
	 * @param images how many images the folder holds
	 * @return whole-process images/s of {@code evaluate} and its wall time in s
	 */
	Map<String, Object> evaluate(int images) throws IOException {
		List<String> cmd = java(Main.class.getName());
		cmd.addAll(List.of("evaluate", "--arch", arch, "--size", String.valueOf(size),
			"--classes", "voc2007", "--checkpoint", checkpoint.toString(), "--dataset",
			"voc2007:" + voc, "--batch", String.valueOf(BATCH), "--json"));
		long t = System.nanoTime();
		run(cmd, "evaluate");
		double s = (System.nanoTime() - t) / 1e9;
		Map<String, Object> r = new LinkedHashMap<>();
		r.put("job_images", images);
		r.put("job_evaluate_s", s);
		r.put("job_evaluate_images_per_s", images / s);
		return r;
	}

	/**
	 * @param python the interpreter
	 * @param script bench_pytorch.py
	 * @return whole-process images/s of the PyTorch loop, and its loop alone
	 */
	Map<String, Object> pytorchLoop(String python, String script) throws IOException {
		List<String> cmd = List.of(python, script, "--eval-loop", voc.toString(), "--checkpoint",
			checkpoint.toString(), "--arch", arch, "--size", String.valueOf(size), "--batch", String
				.valueOf(BATCH));
		long t = System.nanoTime();
		JsonObject o = lastJson(run(cmd, "the PyTorch loop"));
		double s = (System.nanoTime() - t) / 1e9;
		int images = o.get("images").getAsInt();
		Map<String, Object> r = new LinkedHashMap<>();
		r.put("python", python);
		r.put("torch", o.get("torch").getAsString());
		r.put("job_s", s);
		r.put("job_images_per_s", images / s);
		r.put("loop_images_per_s", o.get("loop_images_per_s").getAsDouble());
		return r;
	}

	/**
	 * @param image one image of the folder
	 * @return the child JVM's wall time to its first result and its phases
	 */
	Map<String, Object> firstResult(Path image) throws IOException {
		List<String> cmd = java(FirstResult.class.getName());
		cmd.addAll(List.of(checkpoint.toString(), image.toString(), arch, String.valueOf(size)));
		long t = System.nanoTime();
		JsonObject o = lastJson(run(cmd, "the first-result JVM"));
		double total = (System.nanoTime() - t) / 1e6;
		Map<String, Object> r = new LinkedHashMap<>();
		r.put("first_result_ms", total);
		double phases = 0;
		for (String k : o.keySet()) {
			r.put("first_result_" + k, o.get(k).getAsDouble());
			phases += o.get(k).getAsDouble();
		}
		// The rest: starting the JVM, loading the classes up to main, and exiting.
		r.put("first_result_jvm_ms", total - phases);
		return r;
	}

	private static List<String> java(String mainClass) {
		String java = ProcessHandle.current().info().command().orElse("java");
		return new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
			mainClass));
	}

	private String run(List<String> cmd, String what) throws IOException {
		err.println("csra bench: running " + what);
		Path log = Files.createTempFile(voc, "job", ".err");
		Process p = new ProcessBuilder(cmd).redirectError(log.toFile()).start();
		String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		try {
			if (p.waitFor() != 0) {
				List<String> lines = Files.readAllLines(log);
				throw new CsraException("bench: " + what + " failed (exit " + p.exitValue()
					+ "); its last lines:\n"
					+ String.join("\n", lines.subList(Math.max(0, lines.size()
						- 10), lines.size())));
			}
		}
		catch (InterruptedException e) {
			p.destroyForcibly();
			Thread.currentThread().interrupt();
			throw new CsraException("bench: interrupted while running " + what + ".");
		}
		return out;
	}

	private static JsonObject lastJson(String out) {
		String[] lines = out.strip().split("\n");
		return JsonParser.parseString(lines[lines.length - 1]).getAsJsonObject();
	}
}
