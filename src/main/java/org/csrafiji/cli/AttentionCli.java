package org.csrafiji.cli;

import ij.ImagePlus;
import ij.io.FileSaver;

import org.csrafiji.app.AttentionSettings;
import org.csrafiji.app.ClassifiedImage;
import org.csrafiji.core.CsraException;
import org.csrafiji.core.OutputFiles;
import org.csrafiji.core.Prediction;
import org.csrafiji.eval.Csv;
import org.csrafiji.app.AttentionSettings;
import org.csrafiji.app.ClassifiedImage;
import org.csrafiji.image.ConversionOptions;
import org.csrafiji.render.AttentionMontage;
import org.csrafiji.runtime.CsraModel;
import org.csrafiji.app.ImageClassification;
import org.csrafiji.app.Progress;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code attention [model options] --out DIR [--show a,b] [--attention-head 1] [--opacity 0.5]
 * [--roi-threshold 0.5] IMAGE...}: classifies each image and writes DIR/labels.csv (image,
 * predicted labels, one score column per class) and DIR/NAME.attention.png, the image beside
 * one panel per predicted (or shown) class with its attention heat map and outline, the same
 * overlays the Fiji command "CSRA Attention Map" adds ({@link AttentionMontage}).
 */
final class AttentionCli {

	/** The option choosing which CSRA head's attention is drawn, counting from 1. */
	static final String ATTENTION_HEAD = "attention-head";

	private AttentionCli() {}

	static int run(List<String> args, PrintStream out, PrintStream err) throws IOException {
		Set<String> keys = new HashSet<>(ModelOptions.KEYS);
		keys.addAll(Set.of("out", "show", ATTENTION_HEAD, "opacity", "roi-threshold"));
		Options o = new Options(args, keys, ModelOptions.FLAGS);
		refuseNumberedHead(o);
		if (o.positional().isEmpty() || !o.has("out")) {
			throw new UsageException("attention needs --out DIR and at least one image.");
		}
		ClassifyCli.requireFiles(o.positional());
		Path dir = OutputFolder.create("out", o.get("out", null),
			"labels.csv and the attention overlays");
		AttentionSettings settings = AttentionSettings.of(o.get("show", ""), o.integer(
			ATTENTION_HEAD, 1),
			o.number("opacity", 0.5), o.number("roi-threshold", 0.5), false);
		StringBuilder csv = new StringBuilder();
		try (CsraModel model = ModelOptions.load(o, err)) {
			double threshold = model.spec().threshold();
			List<String> header = new ArrayList<>(List.of("image", "labels"));
			header.addAll(model.spec().classes().names());
			csv.append(Csv.row(header)).append('\n');
			for (String f : o.positional()) {
				ImagePlus imp = ClassifyCli.open(f);
				ClassifiedImage ci = ImageClassification.run(model, imp,
					ConversionOptions.defaults(),
					Progress.NONE);
				Prediction p = ci.slices().get(0).prediction();
				StringBuilder labels = new StringBuilder();
				for (int c : p.predicted(threshold)) {
					labels.append(labels.length() == 0 ? "" : ";").append(p.labels().name(c));
				}
				List<String> row = new ArrayList<>(
					List.of(Path.of(f).getFileName().toString(), labels
						.toString()));
				for (float s : p.scores()) {
					row.add(Float.toString(s)); // as a batch writes them: each float exactly
				}
				csv.append(Csv.row(row)).append('\n');
				Path png = dir.resolve(stem(f) + ".attention.png");
				Path partial = dir.resolve(png.getFileName() + ".partial");
				if (!new FileSaver(AttentionMontage.render(ci, threshold, settings))
					.saveAsPng(partial
						.toString()))
				{
					throw new CsraException(
						"Cannot write " + png + "; check the folder is writable.");
				}
				Files.move(partial, png, StandardCopyOption.REPLACE_EXISTING);
				out.println(f + "\t" + (labels.length() == 0 ? "(none)" : labels) + "\t-> " + png);
			}
		}
		Path table = dir.resolve("labels.csv");
		OutputFiles.write(table, tmp -> Files.writeString(tmp, csv, StandardCharsets.UTF_8));
		out.println("labels: " + table.toAbsolutePath());
		out.println("attention overlays: " + dir.toAbsolutePath() + "/*.attention.png");
		return 0;
	}

	/**
	 * {@code --head} is the head kind (csra or training-free) of every model command; an
	 * earlier README used {@code --head N} for the attention head. Says so instead of
	 * failing on "1" as a head kind.
	 */
	private static void refuseNumberedHead(Options o) {
		String head = o.get("head", null);
		if (head != null && head.strip().matches("\\d+")) {
			throw new CsraException("--head " + head + " names the head kind (csra or"
				+ " training-free), not the attention head; choose the attention head with --"
				+ ATTENTION_HEAD + " " + head.strip() + ".");
		}
	}

	private static String stem(String file) {
		String name = Path.of(file).getFileName().toString();
		int dot = name.lastIndexOf('.');
		return dot > 0 ? name.substring(0, dot) : name;
	}
}
