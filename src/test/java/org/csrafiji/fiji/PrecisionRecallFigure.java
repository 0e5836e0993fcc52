package org.csrafiji.fiji;

import ij.io.FileSaver;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import org.csrafiji.fiji.EvaluationSource.SavedPredictions;

/**
 * Draws the README's precision-recall figure through the "CSRA Evaluate" code path, from
 * synthetic data: 500 images, five classes of different prevalence, and scores drawn around
 * each label with a class-specific separation (fixed seed), so that the curves range from good
 * to poor. Not a model's output. Not a test; run by hand (headless is fine):
 *
 * <pre>
 * mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp target/classes:target/test-classes:$(cat target/cp.txt) org.csrafiji.fiji.PrecisionRecallFigure docs
 * </pre>
 *
 * ({@code target/cp.txt} is the class path of the project's dependencies, written by Maven in the
 * first line.)
 */
public final class PrecisionRecallFigure {

	private static final List<String> CLASSES = List.of("person", "car", "dog", "bird", "bottle");
	private static final double[] PREVALENCE = {0.4, 0.25, 0.15, 0.1, 0.08};
	private static final double[] SEPARATION = {3.0, 2.4, 1.8, 1.3, 0.8};
	private static final int IMAGES = 500;

	private PrecisionRecallFigure() {}

	/**
	 * @param args the folder to write {@code precision-recall.png} into
	 * @throws IOException when the data or the image cannot be written
	 */
	public static void main(String[] args) throws IOException {
		Path folder = Path.of(args.length > 0 ? args[0] : "docs");
		Path data = Files.createTempDirectory("csra-pr-figure");
		Path labels = data.resolve("labels.csv");
		Path scores = data.resolve("predictions.csv");
		write(labels, scores);
		EvaluationReport report = EvaluateTask.run(null, new EvaluateSettings(new SavedPredictions(
			scores, labels), 0.5, null, null), Feedback.none());
		report.plot().setSize(640, 420);
		Path png = folder.resolve("precision-recall.png");
		if (!new FileSaver(report.plotImage()).saveAsPng(png.toString())) {
			throw new IOException("Cannot write " + png);
		}
		System.out.println("wrote " + png + String.format(Locale.ROOT, " (mAP %.2f)", 100 * report
			.result().mAP()));
	}

	private static void write(Path labels, Path scores) throws IOException {
		Random random = new Random(2021);
		StringBuilder l = new StringBuilder("image," + String.join(",", CLASSES) + "\n");
		StringBuilder s = new StringBuilder(l);
		for (int i = 0; i < IMAGES; i++) {
			String name = String.format(Locale.ROOT, "img%04d", i);
			l.append(name).append(".jpg");
			s.append(name);
			for (int c = 0; c < CLASSES.size(); c++) {
				boolean positive = random.nextDouble() < PREVALENCE[c];
				double logit = (positive ? 1 : -1) * SEPARATION[c] / 2 - 1 + random.nextGaussian();
				l.append(',').append(positive ? 1 : 0);
				s.append(',')
					.append(String.format(Locale.ROOT, "%.5f", 1 / (1 + Math.exp(-logit))));
			}
			l.append('\n');
			s.append('\n');
		}
		Files.writeString(labels, l, StandardCharsets.UTF_8);
		Files.writeString(scores, s, StandardCharsets.UTF_8);
	}
}
