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
import org.csrafiji.image.ImageFiles;
import org.csrafiji.runtime.CsraModel;
import org.csrafiji.runtime.ImageClassifier;
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
 * labels with their scores; with --json only a JSON array of {"image", "labels", "scores",
 * "logits"} on standard output.
 */
final class ClassifyCli {

	private ClassifyCli() {}

	static int run(List<String> args, PrintStream out, PrintStream err) {
		Set<String> keys = new HashSet<>(ModelOptions.KEYS);
		Set<String> flags = new HashSet<>(ModelOptions.FLAGS);
		flags.addAll(Set.of("json", "all-slices"));
		Options o = new Options(args, keys, flags);
		if (o.positional().isEmpty()) {
			throw new CsraException("classify needs at least one image file; e.g. classify"
				+ " --model models/demo/demo.json image.png");
		}
		for (String f : o.positional()) {
			if (!Files.isRegularFile(Path.of(f))) {
				throw new ImageInputException("Image '" + f + "' does not exist or is not a file.");
			}
		}
		boolean json = o.has("json");
		JsonArray results = new JsonArray();
		ConversionOptions conversion = new ConversionOptions(ConversionOptions.defaults()
			.scaling(), null, o.has("all-slices"), false);
		try (CsraModel model = ModelOptions.load(o, err)) {
			ImageClassifier classifier = new ImageClassifier(model, conversion);
			double threshold = model.spec().threshold();
			for (String f : o.positional()) {
				ImagePlus imp = open(f);
				List<SlicePrediction> preds = classifier.classify(imp);
				for (SlicePrediction sp : preds) {
					Prediction p = sp.prediction();
					List<Integer> chosen = p.predicted(threshold);
					String name = preds.size() > 1 ? f + " [c=" + sp.position().channel() + ",z="
						+ sp.position().slice() + ",t=" + sp.position().frame() + "]" : f;
					if (json) {
						results.add(toJson(name, p, chosen));
					}
					else {
						out.println(name + "\t" + describe(p, chosen, threshold));
					}
				}
			}
		}
		if (json) {
			out.println(new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues()
				.create().toJson(results));
		}
		return 0;
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

	private static JsonObject toJson(String name, Prediction p, List<Integer> chosen) {
		JsonObject o = new JsonObject();
		o.addProperty("image", name);
		JsonArray labels = new JsonArray();
		ClassLabels names = p.labels();
		chosen.forEach(c -> labels.add(names.name(c)));
		o.add("labels", labels);
		JsonArray scores = new JsonArray();
		JsonArray logits = new JsonArray();
		for (int c = 0; c < names.size(); c++) {
			scores.add(p.scores()[c]);
			logits.add(p.logits()[c]);
		}
		o.add("scores", scores);
		o.add("logits", logits);
		return o;
	}
}
