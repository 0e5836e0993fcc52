package org.csrafiji.cli;

import ij.ImagePlus;
import ij.process.ShortProcessor;

import org.csrafiji.bench.RandomCheckpoint;
import org.csrafiji.checkpoint.TorchCheckpointWriter;
import org.csrafiji.core.Architecture;
import org.csrafiji.core.ModelSpec;
import org.csrafiji.image.ConversionOptions;

import org.csrafiji.model.ResNetConfig;
import org.csrafiji.runtime.BatchPredictor;
import org.csrafiji.runtime.PassLanes;
import org.csrafiji.runtime.CsraModel;
import org.csrafiji.runtime.DeviceChoice;
import org.csrafiji.runtime.Engines;
import org.csrafiji.app.ImageClassifier;
import org.csrafiji.runtime.ModelLoader;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * {@code bench}: with random weights, the median forward time (backbone alone, and backbone
 * plus head plus copy-out), the end-to-end time of classifying a large 16-bit image, the time
 * to load a checkpoint of the same network into a ready model, and, side by side in the same
 * run, PyTorch's own eager forward of the same network for each --python given.
 */
final class BenchCli {

	/**
	 * Sides of the 16-bit test images for the end-to-end measurement: a full sCMOS camera
	 * frame and a 4x larger one.
	 */
	private static final int[] LARGE = {2048, 4096};

	private BenchCli() {}

	static int run(List<String> args, PrintStream out, PrintStream err) throws IOException {
		Options o = new Options(args, Set.of("arch", "size", "heads", "classes", "iterations",
			"device", "python", "pytorch-script", "lambda", "job-images"), Set.of("json"));
		ModelSpec spec = ModelOptions.randomSpec(o);
		int n = Math.max(1, o.integer("iterations", 10));
		long t0 = System.nanoTime();
		Engines.pytorch();
		double engineMs = ms(t0);
		Map<String, Object> r = new LinkedHashMap<>();
		int jobImages = o.integer("job-images", 64);
		Path dir = Files.createTempDirectory("csra-bench");
		try {
			Path checkpoint = dir.resolve(spec.architecture() + "-bench.pth");
			TorchCheckpointWriter.write(checkpoint, RandomCheckpoint.stateDict(spec));
			forwardBench(o, spec, n, engineMs, checkpoint, r, err);
			if (jobImages > 0) {
				r.putAll(jobBench(o, spec, jobImages, dir, checkpoint, r, err));
			}
		}
		finally {
			deleteTree(dir);
		}
		if (o.has("json")) {
			out.println(new com.google.gson.GsonBuilder().create().toJson(r));
		}
		else {
			r.forEach((k, v) -> out.println(String.format(Locale.ROOT, "%-36s %s", k,
				v instanceof Double d ? String.format(Locale.ROOT, "%.3f", d) : v)));
		}
		return 0;
	}

	private static void forwardBench(Options o, ModelSpec spec, int n, double engineMs,
		Path checkpoint, Map<String, Object> r, PrintStream err) throws IOException
	{
		try (CsraModel model = CsraModel.random(spec, DeviceChoice.parse(o.get("device", "auto")),
			1))
		{
			err.println("csra bench: " + spec.architecture() + " at " + spec.input().size()
				+ ", " + spec.heads() + " head(s), " + spec.classes().size() + " classes, on "
				+ DeviceChoice.describe(model.device()) + ", " + n + " iterations");
			ModelOptions.warnIfNativesDiffer(err);
			FloatBuffer in = model.newInputBuffer(1);
			Random random = new Random(7);
			for (int i = 0; i < in.capacity(); i++) {
				in.put(i, random.nextFloat());
			}
			ImagePlus[] large = {largeImage(LARGE[0], random), largeImage(LARGE[1], random)};
			ImageClassifier classifier = new ImageClassifier(model, ConversionOptions.defaults());
			// Whole jobs run their passes side by side (BatchPredictor.forJobs): two images per
			// pass slot, timed per image.
			int cores = Math.max(1, Runtime.getRuntime().availableProcessors());
			BatchPredictor job = BatchPredictor.forJobs(model, cores);
			int jobImages = 2 * Math.min(PassLanes.MOST_LANES, cores);
			FloatBuffer jobIn = model.newInputBuffer(jobImages);
			for (int i = 0; i < jobIn.capacity(); i++) {
				jobIn.put(i, random.nextFloat());
			}
			job.scores(jobIn, jobImages);
			for (int i = 0; i < 2; i++) {
				model.predict(in, 1);
				for (ImagePlus imp : large) {
					classifier.classify(imp);
				}
			}
			List<PyTorchPeer> peers = startPeers(o, spec, err);
			double[] backbone = new double[n];
			double[] forward = new double[n];
			double[] jobForward = new double[n];
			double[][] endToEnd = new double[LARGE.length][n];
			double[][] outside = new double[LARGE.length][n];
			double[][] torch = new double[peers.size()][n];
			double[] product = new double[n];
			try (MatmulRate rate = new MatmulRate(model.device())) {
				for (int i = 0; i < n; i++) {
					// Interleaved, so that machine load affects every measurement alike.
					long t = System.nanoTime();
					model.features(in, 1);
					backbone[i] = ms(t);
					t = System.nanoTime();
					model.predict(in, 1);
					forward[i] = ms(t);
					// The bound beside the pass it bounds: the faster of two products.
					product[i] = Math.min(rate.productMs(), rate.productMs());
					t = System.nanoTime();
					job.scores(jobIn, jobImages);
					jobForward[i] = ms(t) / jobImages;
					for (int k = 0; k < LARGE.length; k++) {
						// Measured within each call: the whole classify, and the backbone part of it.
						t = System.nanoTime();
						classifier.classify(large[k]);
						long total = System.nanoTime() - t;
						endToEnd[k][i] = total / 1e6;
						outside[k][i] = (double) (total - model.lastTimings().backboneNanos())
							/ total;
					}
					for (int p = 0; p < peers.size(); p++) {
						settle();
						torch[p][i] = peers.get(p).forwardMs();
					}
					settle();
				}
			}
			finally {
				job.close();
				for (PyTorchPeer p : peers) {
					p.close();
				}
			}
			List<Map<String, Object>> torchResults = new ArrayList<>();
			for (int p = 0; p < peers.size(); p++) {
				Map<String, Object> t = new LinkedHashMap<>();
				t.put("python", peers.get(p).python());
				t.put("torch", peers.get(p).torch());
				t.put("threads", peers.get(p).threads());
				t.put("forward_ms", median(torch[p]));
				t.put("ratio_java_over_pytorch", median(forward) / median(torch[p]));
				torchResults.add(t);
			}
			r.put("device", DeviceChoice.describe(model.device()));
			r.put("engine_start_ms", engineMs);
			r.put("backbone_ms", median(backbone));
			r.put("forward_ms", median(forward));
			r.put("job_forward_ms_per_image", median(jobForward));
			r.put("end_to_end_ms", median(endToEnd[1]));
			r.put("outside_backbone_fraction", median(outside[1]));
			r.put("end_to_end_2048_ms", median(endToEnd[0]));
			r.put("outside_backbone_fraction_2048", median(outside[0]));
			r.put("load_ms", loadTime(model, spec, checkpoint));
			if (!torchResults.isEmpty()) {
				r.put("pytorch", torchResults);
			}
			double gflops = MatmulRate.gflops(median(product));
			r.put("matmul_gflops", gflops);
			if (spec.architecture() instanceof Architecture.ResNet resnet) {
				double flops = ResNetFlops.of(ResNetConfig.of(resnet.depth(), 64),
					spec.input().size());
				r.put("forward_gflop", flops / 1e9);
				r.put("matmul_bound_ms", flops / (gflops * 1e6));
				// Each iteration's passes over the bound of the products taken beside them.
				double[] overBound = new double[n];
				double[] jobOverBound = new double[n];
				for (int i = 0; i < n; i++) {
					double boundMs = flops / (MatmulRate.gflops(product[i]) * 1e6);
					overBound[i] = forward[i] / boundMs;
					jobOverBound[i] = jobForward[i] / boundMs;
				}
				r.put("forward_over_matmul_bound", median(overBound));
				r.put("job_forward_over_matmul_bound", median(jobOverBound));
			}
		}
	}

	private static Map<String, Object> jobBench(Options o, ModelSpec spec, int images, Path dir,
		Path checkpoint, Map<String, Object> r, PrintStream err) throws IOException
	{
		err.println("csra bench: writing " + images + " VOC-size JPEGs");
		List<Path> files = VocFolder.write(dir.resolve("voc"), images, 11);
		JobBench jobs = new JobBench(dir.resolve("voc"), checkpoint, spec.architecture().name(),
			spec
				.input().size(),
			err);
		Map<String, Object> j = new LinkedHashMap<>(jobs.evaluate(images));
		double perForward = 1000 / (double) r.get("forward_ms");
		j.put("forward_images_per_s", perForward);
		j.put("job_evaluate_over_forward",
			(double) j.get("job_evaluate_images_per_s") / perForward);
		String script = o.get("pytorch-script", "src/test/python/bench_pytorch.py");
		List<Map<String, Object>> loops = new ArrayList<>();
		for (String python : o.all("python")) {
			Map<String, Object> loop = jobs.pytorchLoop(python, script);
			loop.put("ratio_evaluate_over_pytorch_job", (double) j.get("job_evaluate_images_per_s")
				/ (double) loop.get("job_images_per_s"));
			loops.add(loop);
		}
		if (!loops.isEmpty()) {
			j.put("pytorch_job", loops);
		}
		j.putAll(jobs.firstResult(files.get(0)));
		return j;
	}

	private static void deleteTree(Path dir) throws IOException {
		try (var walk = Files.walk(dir)) {
			for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(p);
			}
		}
	}

	private static ImagePlus largeImage(int side, Random random) {
		short[] px = new short[side * side];
		for (int i = 0; i < px.length; i++) {
			px[i] = (short) (((i % side) * 13 + (i / side) * 7 + random.nextInt(512)) & 0xffff);
		}
		ShortProcessor sp = new ShortProcessor(side, side, px, null);
		sp.resetMinAndMax();
		return new ImagePlus("bench-16bit", sp);
	}

	private static double loadTime(CsraModel model, ModelSpec spec, Path file) {
		double[] t = new double[3];
		for (int i = 0; i < t.length; i++) {
			long s = System.nanoTime();
			try (CsraModel loaded = ModelLoader.load(spec.withCheckpoint(file), DeviceChoice
				.parse(model.device().isGpu() ? "gpu" : "cpu")))
			{
				t[i] = ms(s);
			}
		}
		return median(t);
	}

	private static List<PyTorchPeer> startPeers(Options o, ModelSpec spec, PrintStream err)
		throws IOException
	{
		String script = o.get("pytorch-script", "src/test/python/bench_pytorch.py");
		List<PyTorchPeer> peers = new ArrayList<>();
		for (String python : o.all("python")) {
			err.println("csra bench: starting PyTorch beside it with " + python);
			peers.add(new PyTorchPeer(python, List.of(python, script, "--serve", "--arch", spec
				.architecture().name(), "--size",
				String.valueOf(spec
					.input().size()),
				"--heads", String.valueOf(spec.heads()), "--classes", String
					.valueOf(spec.classes().size()))));
		}
		return peers;
	}

	/**
	 * A short pause between the two runtimes, so that one's OpenMP worker threads have
	 * stopped spinning before the other starts.
	 */
	private static void settle() {
		try {
			Thread.sleep(100);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	private static double ms(long start) {
		return (System.nanoTime() - start) / 1e6;
	}

	private static double median(double[] v) {
		double[] s = v.clone();
		Arrays.sort(s);
		return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
	}
}
