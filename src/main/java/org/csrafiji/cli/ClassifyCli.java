package org.csrafiji.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import ij.ImagePlus;

import org.csrafiji.core.ClassLabels;
import org.csrafiji.core.CsraException;
import org.csrafiji.core.ImageInputException;
import org.csrafiji.core.Prediction;
import org.csrafiji.image.ConversionOptions;
import org.csrafiji.image.SlicePosition;
import org.csrafiji.image.ImageFiles;
import org.csrafiji.runtime.CsraModel;
import org.csrafiji.app.ImageClassification;
import org.csrafiji.app.Progress;
import org.csrafiji.runtime.SlicePrediction;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code classify [model options] [--json] IMAGE...}: per image (and slice), the predicted
 * labels with their scores; with --json only a JSON array on standard output, one object per
 * image slice: {@code {"image": FILE, "slice": {"c", "z", "t"}, "labels": [NAME...],
 * "scores": {NAME: score...}, "logits": {NAME: logit...}}}, scores and logits keyed by class
 * name in class order, strings unescaped.
 */
final class ClassifyCli {

	private ClassifyCli() {}

	static int run(List<String> args, PrintStream out, PrintStream err) {
		Set<String> keys = new HashSet<>(ModelOptions.KEYS);
		Set<String> flags = new HashSet<>(ModelOptions.FLAGS);
		flags.addAll(Set.of("json", "all-slices"));
		Options o = new Options(args, keys, flags);
		if (o.positional().isEmpty()) {
			throw new UsageException("classify needs at least one image file; e.g. classify"
				+ " --model models/demo/demo.json image.png");
		}
		requireFiles(o.positional());
		boolean json = o.has("json");
		JsonArray results = new JsonArray();
		ConversionOptions conversion = new ConversionOptions(ConversionOptions.defaults()
			.scaling(), null, o.has("all-slices"), false);
		try (CsraModel model = ModelOptions.load(o, err)) {
			double threshold = model.spec().threshold();
			for (String f : o.positional()) {
				ImagePlus imp = open(f);
				List<SlicePrediction> preds = ImageClassification.run(model, imp, conversion, Progress.NONE)
					.slices();
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
		if (json) {
			out.println(new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues()
				.disableHtmlEscaping().create().toJson(results));
		}
		return 0;
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
				throw new ImageInputException("'" + f + "' matches no file (a shell passes a pattern on"
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
