package org.csrafiji.cli;

import ai.djl.Device;

import org.csrafiji.core.Architecture;
import org.csrafiji.core.CsraException;
import org.csrafiji.runtime.DeviceChoice;
import org.csrafiji.train.TrainingBenchmark;
import org.csrafiji.train.TrainingOptions;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code bench-train [--arch resnet18] [--base-width 16] [--size 128] [--batch 16]
 * [--classes 5] [--steps 20] [--rounds 2] [--python PYTHON]...}: training-step throughput
 * (images/s: forward, loss, backward, SGD update on random data) of the Java trainer beside
 * PyTorch's own training step of the same network and batch
 * ({@code src/test/python/bench_train_torch.py}), in rounds that alternate the two so that
 * both see the same machine load. The defaults are the demo model's network.
 */
final class TrainBenchCli {

	private static final Pattern RATE = Pattern.compile("([0-9.]+) images/s");

	private TrainBenchCli() {}

	static int run(List<String> args, PrintStream out, PrintStream err) throws IOException {
		Options o = new Options(args, Set.of("arch", "base-width", "size", "batch", "classes",
			"steps", "rounds", "python", "device", "pytorch-script"), Set.of());
		String arch = o.get("arch", "resnet18");
		if (!(Architecture.parse(arch) instanceof Architecture.ResNet resnet)) {
			throw new CsraException("bench-train measures ResNets; --arch " + arch
				+ " is not one.");
		}
		int depth = resnet.depth();
		TrainingOptions options = TrainingOptions.defaults().toBuilder().architecture(arch)
			.baseWidth(o.integer("base-width", 16)).size(o.integer("size", 128)).batchSize(o
				.integer("batch", 16))
			.build();
		int classes = o.integer("classes", 5);
		int steps = o.integer("steps", 20);
		int rounds = Math.max(1, o.integer("rounds", 2));
		Device device = DeviceChoice.parse(o.get("device", "cpu")).resolve();
		String script = o.get("pytorch-script", "src/test/python/bench_train_torch.py");
		err.println("csra bench-train: " + arch + " (stem " + options.baseWidth() + ") at "
			+ options.size() + ", batch " + options.batchSize() + ", " + classes + " classes, "
			+ steps + " steps x " + rounds + " rounds, on " + DeviceChoice.describe(device));
		ModelOptions.warnIfNativesDiffer(err);
		double[] java = new double[rounds];
		double[][] torch = new double[o.all("python").size()][rounds];
		for (int r = 0; r < rounds; r++) {
			java[r] = TrainingBenchmark.imagesPerSecond(options, classes, 3, steps, device);
			for (int p = 0; p < torch.length; p++) {
				torch[p][r] = pytorch(o.all("python").get(p), script, depth, options, classes,
					steps);
			}
		}
		out.println(String.format(Locale.ROOT, "java (DJL, libtorch 2.7.1)   %.1f images/s", best(
			java)));
		for (int p = 0; p < torch.length; p++) {
			out.println(String.format(Locale.ROOT,
				"pytorch via %-16s %.1f images/s  (java / pytorch"
					+ " = %.2f)",
				o.all("python").get(p), best(torch[p]), best(java) / best(torch[p])));
		}
		return 0;
	}

	private static double pytorch(String python, String script, int depth,
		TrainingOptions options, int classes, int steps) throws IOException
	{
		List<String> cmd = new ArrayList<>(Arrays.asList(python, script, "--depth", String.valueOf(
			depth), "--base", String.valueOf(options.baseWidth()), "--size",
			String.valueOf(options
				.size()),
			"--batch", String.valueOf(options.batchSize()), "--classes", String.valueOf(
				classes),
			"--steps", String.valueOf(steps)));
		Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
		String last = null;
		try (BufferedReader br = new BufferedReader(new InputStreamReader(p.getInputStream(),
			StandardCharsets.UTF_8)))
		{
			for (String line; (line = br.readLine()) != null;) {
				last = line;
			}
		}
		Matcher m = last == null ? null : RATE.matcher(last);
		if (m == null || !m.find()) {
			throw new CsraException(python + " did not report a training throughput (is torch"
				+ " installed for it?).");
		}
		return Double.parseDouble(m.group(1));
	}

	/** The best round: the one least disturbed by other work on the machine. */
	private static double best(double[] v) {
		return Arrays.stream(v).max().orElse(Double.NaN);
	}
}
