package org.csrafiji.train;

import ai.djl.Device;

import org.csrafiji.core.CsraException;
import org.csrafiji.eval.Dataset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The determinism floor: the first iterations of a training run, twice with the same options
 * and seed on the CPU, must give the same losses (within {@link #FLOOR}). Each run trains in
 * its own temporary folder, removed afterwards; no validation is run.
 */
public final class DeterminismCheck {

	/** The largest accepted difference between the two runs' losses. */
	public static final double FLOOR = 1e-4;

	/**
	 * @param first the first run's losses
	 * @param second the second run's losses
	 * @param maxAbsDifference the largest |first[i] - second[i]|
	 */
	public record Result(double[] first, double[] second, double maxAbsDifference) {

		/** @return whether the difference is within {@link #FLOOR} */
		public boolean passes() {
			return maxAbsDifference <= FLOOR;
		}
	}

	private DeterminismCheck() {}

	/**
	 * @param options the recipe (its seed is used by both runs)
	 * @param train training images and labels
	 * @param iterations how many first iterations to compare (at most one run's worth)
	 * @return both runs' losses and their largest difference
	 */
	public static Result run(TrainingOptions options, Dataset train, int iterations) {
		if (iterations < 1) {
			throw new IllegalArgumentException("The determinism check needs at least 1 iteration.");
		}
		double[] a = losses(options, train, iterations);
		double[] b = losses(options, train, iterations);
		if (a.length < iterations) {
			throw new CsraException("Only " + a.length + " iterations fit in " + options.epochs()
				+ " epoch(s) of " + train.samples().size()
				+ " images; ask for fewer iterations or more"
				+ " epochs.");
		}
		double max = 0;
		for (int i = 0; i < a.length; i++) {
			max = Math.max(max, Math.abs(a[i] - b[i]));
		}
		return new Result(a, b, max);
	}

	private static double[] losses(TrainingOptions options, Dataset train, int iterations) {
		List<Double> losses = new ArrayList<>();
		Path dir = temporaryFolder();
		try {
			new Trainer(options, train, null, dir, Device.cpu()).run(new TrainingListener() {

				@Override
				public void iteration(int epoch, long iteration, double lr, double loss) {
					losses.add(loss);
				}
			}, () -> losses.size() >= iterations, false);
		}
		finally {
			deleteTree(dir);
		}
		return losses.stream().mapToDouble(Double::doubleValue).toArray();
	}

	private static Path temporaryFolder() {
		try {
			return Files.createTempDirectory("csra-determinism-");
		}
		catch (IOException e) {
			throw new CsraException(
				"Cannot create a temporary folder for the determinism check: " + e
					.getMessage(),
				e);
		}
	}

	private static void deleteTree(Path dir) {
		try (Stream<Path> files = Files.walk(dir)) {
			files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
		}
		catch (IOException e) {
			dir.toFile().deleteOnExit();
		}
	}
}
