package org.csrafiji.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.csrafiji.core.ModelSpec;
import org.csrafiji.core.ModelSpecs;
import org.csrafiji.eval.CsvReader;
import org.csrafiji.image.ConversionOptions;
import org.csrafiji.image.ImageFiles;
import org.csrafiji.runtime.CsraModel;
import org.csrafiji.runtime.DeviceChoice;
import org.csrafiji.app.ImageClassifier;
import org.csrafiji.runtime.ModelLoader;
import org.csrafiji.runtime.SlicePrediction;

import ij.ImagePlus;

/**
 * Runs the packaged job the way users do, {@code java -cp 'target/csra-spark.jar:target/spark-lib/*'},
 * in child JVMs: the test JVM's class path has Spark at pom-scijava's managed versions, the
 * packaged one has exactly the versions Spark declares. Also the single-machine reference: the
 * demo model run in this JVM through {@link ImageClassifier}, without Spark.
 */
final class SparkJobs {

	/** The demo model, trained by this project and committed. */
	static final Path DEMO = basedir().resolve("models/demo/demo.json");

	private SparkJobs() {}

	static Path basedir() {
		return Path.of(System.getProperty("csra.it.basedir", ".")).toAbsolutePath();
	}

	static Path target() {
		return basedir().resolve("target");
	}

	/** @return the packaged jars of this build, checked to exist */
	static PackagedJars jars() {
		PackagedJars jars = PackagedJars.in(target());
		assertTrue(Files.isRegularFile(jars.sparkJar()), "mvn package makes " + jars.sparkJar());
		assertTrue(Files.isDirectory(jars.sparkLib()), "mvn package makes spark-lib");
		return jars;
	}

	/**
	 * @param mainClass what to run
	 * @param jvm JVM options
	 * @param args its arguments
	 * @param log where stdout and stderr go
	 * @return the started process
	 */
	static Process start(String mainClass, List<String> jvm, List<String> args, Path log)
		throws IOException
	{
		List<String> options = new ArrayList<>(List.of("-Xmx1g"));
		options.addAll(jvm);
		return PackagedJars.jvm(PackagedJars.mainClass(jars().jobClasspath(), options, mainClass,
			args), log).start();
	}

	/** The outcome of a job run. */
	record Run(int exit, String output) {}

	/** Runs {@link ClassifyJob} to its end (at most {@code seconds}). */
	static Run job(List<String> jvm, List<String> args, Path log, int seconds) throws Exception {
		Process p = start(ClassifyJob.class.getName(), jvm, args, log);
		boolean ended = p.waitFor(seconds, TimeUnit.SECONDS);
		if (!ended) {
			p.destroyForcibly().waitFor();
		}
		String out = Files.readString(log);
		assertTrue(ended, "the job ended within " + seconds + " s:\n" + tail(out));
		return new Run(p.exitValue(), out);
	}

	static String tail(String s) {
		return LogWatch.tail(s);
	}

	/** @return the CSV the job wrote into OUT/csv, as rows of column name to value */
	static List<Map<String, String>> csv(Path out) throws IOException {
		Path file;
		try (Stream<Path> files = Files.list(out.resolve("csv"))) {
			file = files.filter(f -> f.getFileName().toString().endsWith(".csv")).findFirst()
				.orElseThrow();
		}
		List<Map<String, String>> rows = new ArrayList<>();
		try (CsvReader r = CsvReader.open(file)) {
			List<String> header = r.next().fields();
			for (CsvReader.Record rec = r.next(); rec != null; rec = r.next()) {
				Map<String, String> row = new LinkedHashMap<>();
				for (int i = 0; i < header.size(); i++) {
					row.put(header.get(i), rec.fields().get(i));
				}
				rows.add(row);
			}
		}
		return rows;
	}

	/** @return the single-machine scores of each image (file name to scores), no Spark */
	static Map<String, float[]> reference(List<Path> images) {
		ModelSpec spec = ModelSpecs.read(DEMO);
		Map<String, float[]> out = new HashMap<>();
		try (CsraModel model = ModelLoader.load(spec, DeviceChoice.CPU)) {
			ImageClassifier classifier = new ImageClassifier(model, ConversionOptions.defaults());
			for (Path image : images) {
				ImagePlus imp = ImageFiles.open(image);
				List<SlicePrediction> p = classifier.classify(imp);
				assertEquals(1, p.size());
				out.put(image.getFileName().toString(), p.get(0).prediction().scores());
			}
		}
		return out;
	}

	/**
	 * Checks every classified row against the reference. Both sides run the same float32
	 * network on the same pixels; only the engine's thread count (and so the order of summation
	 * inside convolutions) can differ, which moves a logit by a few float32 ulps (~1e-6 for
	 * logits of size ~10) and a sigmoid score, whose slope is at most 1/4, by less; 1e-6 on the
	 * scores is therefore met with margin when the scores agree and fails on any real difference.
	 *
	 * @return the file names of the rows, in CSV order
	 */
	static List<String> checkScores(List<Map<String, String>> rows,
		Map<String, float[]> reference)
	{
		List<String> classes = ModelSpecs.read(DEMO).classes().names();
		List<String> names = new ArrayList<>();
		for (Map<String, String> row : rows) {
			String name = Path.of(row.get("image").replaceFirst("^file:", "")).getFileName()
				.toString();
			names.add(name);
			float[] want = reference.get(name);
			assertNotNull(want, "a reference for " + name);
			assertEquals("", row.get("error"), name);
			for (int c = 0; c < classes.size(); c++) {
				double got = Double.parseDouble(row.get("score_" + classes.get(c)));
				assertEquals(want[c], got, 1e-6, name + " " + classes.get(c));
			}
		}
		return names;
	}
}
