package org.csrafiji.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import ij.ImagePlus;

import org.csrafiji.core.ClassLabels;
import org.csrafiji.core.ImageInputException;
import org.csrafiji.core.Prediction;
import org.csrafiji.image.ConversionOptions;
import org.csrafiji.image.SlicePosition;
import org.csrafiji.image.ImageFiles;
import org.csrafiji.runtime.CsraModel;
import org.csrafiji.runtime.PassLanes;
import org.csrafiji.app.ClassificationStream;
import org.csrafiji.app.ImageClassifier;
import org.csrafiji.app.Progress;
import org.csrafiji.app.Shard;
import org.csrafiji.eval.ModelStamp;
import org.csrafiji.eval.PredictionsWriter;
import org.csrafiji.eval.SampleKeys;
import org.csrafiji.runtime.SlicePrediction;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code classify [model options] [--json] [--shard I/N] [--out FILE.csv] IMAGE...}: per image
 * (and slice), the predicted labels with their scores; with --json only a JSON array on standard
 * output, one object per image slice: {@code {"image": FILE, "slice": {"c", "z", "t"},
 * "labels": [NAME...], "scores": {NAME: score...}, "logits": {NAME: logit...}}}, scores and
 * logits keyed by class name in class order, strings unescaped. {@code --shard I/N} classifies
 * only that part of the images ({@link Shard}: sorted by argument, dealt round-robin);
 * {@code --out} also writes the scores to a predictions file ({@link PredictionsWriter}: locked,
 * resumable, images already in it are skipped), one row per image named as on the command line.
 * An image that cannot be read or classified is named on standard error and skipped; the others
 * are classified, and the exit status is then 1.
 */
final class ClassifyCli {

	private ClassifyCli() {}

	static int run(List<String> args, PrintStream out, PrintStream err) {
		Set<String> keys = new HashSet<>(ModelOptions.KEYS);
		Set<String> flags = new HashSet<>(ModelOptions.FLAGS);
		flags.addAll(Set.of("json", "all-slices"));
		keys.addAll(Set.of("shard", "out"));
		Options o = new Options(args, keys, flags);
		if (o.positional().isEmpty()) {
			throw new UsageException("classify needs at least one image file; e.g. classify"
				+ " --model models/demo/demo.json image.png");
		}
		Shard shard = shard(o);
		Path csv = o.has("out") ? Path.of(o.get("out", null)) : null;
		if (csv != null && o.has("all-slices")) {
			throw new UsageException(
				"--out writes one row per image (its first slice), so it does not"
					+ " go with --all-slices; leave out one of them (--json gives every slice).");
		}
		requireFiles(o.positional());
		List<String> images = shard.select(o.positional(), f -> f);
		if (csv != null) {
			requireDistinctNames(o.positional());
		}
		boolean json = o.has("json");
		JsonArray results = new JsonArray();
		List<String> unreadable = new ArrayList<>();
		ConversionOptions conversion = new ConversionOptions(ConversionOptions.defaults()
			.scaling(), null, o.has("all-slices"), false);
		try (CsraModel model = ModelOptions.load(o, err);
			PredictionsWriter file = csv == null
				? null
				: PredictionsWriter.open(csv, model.spec()
					.classes(), ModelStamp.of(model.spec())))
		{
			double threshold = model.spec().threshold();
			if (file != null) {
				file.notes().forEach(n -> err.println("classify: " + n));
			}
			List<String> todo = new ArrayList<>();
			for (String f : images) {
				if (file == null || !file.written().contains(SampleKeys.of(f))) {
					todo.add(f);
				}
			}
			// Read ahead and, on a CPU of several cores, passes side by side; results in order.
			try (PassLanes lanes = PassLanes.forJobs(model);
				ClassificationStream<String> stream = new ClassificationStream<>(
					new ImageClassifier(model, conversion), todo, ClassifyCli::open, lanes,
					Progress.NONE))
			{
				while (stream.hasNext()) {
					ClassificationStream.Result<String> r = stream.next();
					String f = r.item();
					if (r.failure() instanceof ImageInputException e) {
						// One unreadable file must not stop the rest (nor, in a cluster array,
						// stop a shard at the same file on every rerun).
						err.println("csra: error: " + CliWording.message(e));
						unreadable.add(f);
						continue;
					}
					if (r.failure() != null) {
						throw r.failure();
					}
					List<SlicePrediction> preds = r.image().slices();
					r.image().image().flush();
					if (file != null) {
						file.append(f, toDoubles(preds.get(0).prediction().scores()));
					}
					for (SlicePrediction sp : preds) {
						Prediction p = sp.prediction();
						List<Integer> chosen = p.predicted(threshold);
						if (json) {
							results.add(toJson(f, sp.position(), p, chosen));
						}
						else {
							String name = preds.size() > 1 ? f + " [" + sp.position() + "]" : f;
							out.println(name + "\t" + describe(p, chosen, threshold));
						}
					}
				}
			}
		}
		if (json) {
			out.println(new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues()
				.disableHtmlEscaping().create().toJson(results));
		}
		if (!unreadable.isEmpty() && images.size() > 1) {
			err.println("csra: " + unreadable.size() + " of " + images.size()
				+ " images could not be classified (each named above)" + (csv != null
					? "; they have no row in " + csv + ". Fix or remove them and run the same"
						+ " command again: the rows written are kept and only the missing images run."
					: "; the others were classified."));
		}
		return unreadable.isEmpty() ? 0 : 1;
	}

	/** @return the --shard option's part, all images without it */
	private static Shard shard(Options o) {
		try {
			return Shard.parse(o.get("shard", null));
		}
		catch (IllegalArgumentException e) {
			throw new UsageException("--shard: " + e.getMessage() + ".", e);
		}
	}

	/**
	 * A predictions file names images by file name without extension ({@link SampleKeys}), so two
	 * images that share one could not both have a row.
	 */
	private static void requireDistinctNames(List<String> images) {
		Map<String, String> seen = new HashMap<>();
		for (String f : images) {
			String before = seen.putIfAbsent(SampleKeys.of(f), f);
			if (before != null) {
				throw new ImageInputException("'" + before + "' and '" + f
					+ "' have the same name without"
					+ " extension, which is how a predictions file (--out) tells images apart; rename one"
					+ " or classify them in separate runs.");
			}
		}
	}

	private static double[] toDoubles(float[] scores) {
		double[] d = new double[scores.length];
		for (int c = 0; c < d.length; c++) {
			d[c] = scores[c];
		}
		return d;
	}

	/**
	 * @param files the image arguments
	 * @throws ImageInputException naming the first that is no file; a pattern the shell could
	 *           not expand (nothing matched it) is named as such
	 */
	static void requireFiles(List<String> files) {
		for (String f : files) {
			if (Files.isRegularFile(Path.of(f))) {
				continue;
			}
			if (f.matches(".*[*?\\[{].*")) {
				throw new ImageInputException("'" + f
					+ "' matches no file (a shell passes a pattern on"
					+ " unchanged when nothing matches it), so there is nothing to classify; check the"
					+ " folder and the pattern, e.g. 'data/*.tif' (case matters).");
			}
			throw new ImageInputException("Image '" + f + "' does not exist or is not a file.");
		}
	}

	static ImagePlus open(String file) {
		return ImageFiles.open(Path.of(file));
	}

	private static String describe(Prediction p, List<Integer> chosen, double threshold) {
		if (chosen.isEmpty()) {
			int best = 0;
			for (int c = 1; c < p.scores().length; c++) {
				best = p.scores()[c] > p.scores()[best] ? c : best;
			}
			return String.format(Locale.ROOT, "(no class above %.2f; best %s %.3f)", threshold, p
				.labels().name(best), p.scores()[best]);
		}
		StringBuilder sb = new StringBuilder();
		for (int c : chosen) {
			sb.append(sb.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%s %.3f", p
				.labels().name(c), p.scores()[c]));
		}
		return sb.toString();
	}

	private static JsonObject toJson(String file, SlicePosition position, Prediction p,
		List<Integer> chosen)
	{
		JsonObject o = new JsonObject();
		o.addProperty("image", file);
		JsonObject slice = new JsonObject();
		slice.addProperty("c", position.channel());
		slice.addProperty("z", position.slice());
		slice.addProperty("t", position.frame());
		o.add("slice", slice);
		JsonArray labels = new JsonArray();
		ClassLabels names = p.labels();
		chosen.forEach(c -> labels.add(names.name(c)));
		o.add("labels", labels);
		JsonObject scores = new JsonObject();
		JsonObject logits = new JsonObject();
		for (int c = 0; c < names.size(); c++) {
			scores.addProperty(names.name(c), p.scores()[c]);
			logits.addProperty(names.name(c), p.logits()[c]);
		}
		o.add("scores", scores);
		o.add("logits", logits);
		return o;
	}
}
