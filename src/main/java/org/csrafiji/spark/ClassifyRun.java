package org.csrafiji.spark;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.csrafiji.core.CsraException;

/**
 * One timed run of plain single-machine classification, {@code java -jar csra.jar classify
 * --model SPEC --out FILE.csv [--shard I/N] IMAGE...}, as N processes started together, each
 * with T engine threads ({@code OMP_NUM_THREADS}, {@code ai.djl.pytorch.num_threads}).
 *
 * @param processes how many processes (each classifying its {@code --shard I/N})
 * @param threads engine threads of each
 * @param images the images they classified in all
 * @param wallSeconds from starting the first to the end of the last, as a user waits for them
 * @param csvs the predictions files they wrote, one per process
 */
public record ClassifyRun(int processes, int threads, int images, double wallSeconds,
	List<Path> csvs)
{

	/**
	 * @param jars the packaged jars ({@code csra.jar})
	 * @param spec the model spec
	 * @param images the images
	 * @param processes how many processes
	 * @param threads engine threads of each
	 * @param folder a new folder for the predictions files and logs
	 * @param pinned whether process {@code i} (from 0) runs on CPUs {@code i * threads} to
	 *          {@code (i + 1) * threads - 1} only, as pinned Spark workers do
	 * @param jvm JVM options added to each process
	 * @return the run
	 * @throws IOException when a process cannot be started
	 */
	public static ClassifyRun run(PackagedJars jars, Path spec, List<Path> images, int processes,
		int threads, Path folder, boolean pinned, List<String> jvm) throws IOException
	{
		List<Process> started = new ArrayList<>();
		List<Path> csvs = new ArrayList<>();
		List<Path> logs = new ArrayList<>();
		long t = System.nanoTime();
		try {
			for (int i = 1; i <= processes; i++) {
				Path csv = folder.resolve("predictions-" + i + ".csv");
				Path log = folder.resolve("classify-" + i + ".log");
				List<String> args = new ArrayList<>(jvm);
				args.addAll(List.of("-Dai.djl.pytorch.num_threads=" + threads, "-jar", jars
					.csraJar().toString(), "classify", "--model", spec.toString(), "--out",
					csv
						.toString()));
				if (processes > 1) {
					args.addAll(List.of("--shard", i + "/" + processes));
				}
				images.forEach(f -> args.add(f.toString()));
				ProcessBuilder pb = PackagedJars.jvm(args, log);
				if (pinned) {
					pb.command(CpuPinning.on((i - 1) * threads, threads, pb.command()));
				}
				Map<String, String> env = pb.environment();
				env.put("OMP_NUM_THREADS", "" + threads);
				env.put("MKL_NUM_THREADS", "" + threads);
				started.add(pb.start());
				csvs.add(csv);
				logs.add(log);
			}
			for (int i = 0; i < started.size(); i++) {
				int exit = started.get(i).waitFor();
				if (exit != 0) {
					throw new CsraException("classify failed (exit " + exit + "); the end of "
						+ logs.get(i) + ":\n" + LogWatch.tail(LogWatch.read(logs.get(i))));
				}
			}
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new CsraException("Interrupted while classify ran.");
		}
		finally {
			started.forEach(ProcessTrees::kill);
		}
		return new ClassifyRun(processes, threads, images.size(), (System.nanoTime() - t) / 1e9,
			List.copyOf(csvs));
	}

	/** @return images per second of all processes together */
	public double imagesPerSecond() {
		return images / wallSeconds;
	}
}
