package org.csrafiji.updatesite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.process.ByteProcessor;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.csrafiji.fiji.HeadlessRunner;
import org.csrafiji.fiji.InstalledModels;
import org.csrafiji.fiji.InstalledSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.command.CommandService;

/**
 * The installation test (issue 7): the packaged project becomes an update site; the site is
 * installed, as the updater installs it, into a fresh folder laid out like Fiji.app that
 * holds only what Fiji ships (ImageJ 1.x, scijava-common and the other runtime jars Fiji
 * has); then a new JVM whose class path is only that folder's jars finds the CSRA commands
 * and classifies an image with the installed model, and the installed demo model is listed
 * and classifies one of its samples as labelled. Proves the installed set is complete
 * and free of duplicate classes. Runs in {@code mvn verify} (failsafe, after package).
 */
class InstallationIT {

	private static final String SPEC = "install-check";

	private static final String HEADINGS = "Image\tC\tZ\tT\tLabels\tcell\tnucleus\tdebris\tmitosis"
		+ "\tbackground";

	@TempDir
	Path dir;

	@Test
	void theSiteInstalledIntoAFreshFijiRunsClassifyInANewJvm() throws Exception {
		PackagedBuild build = PackagedBuild.fromSystemProperties();
		Path fiji = freshFiji(build);
		Path staging = dir.resolve("staging");
		build.stage(staging, SPEC);
		Path site = dir.resolve("site");
		UpdateSiteMain.run("--staging", staging.toString(), "--site", site.toString(),
			"--fiji-jars", fiji.resolve("jars").toString(), "--main-jar", build.pluginPath(),
			"--description", "installation test", "--author", "CSRA for Fiji developers",
			"--category", "Deep Learning",
			"--require", "jars/" + build.djlJars().get(0), "--require",
			"jars/" + build.djlJars().get(1),
			"--require", "jars/" + build.djlJars().get(2),
			"--require", "jars/linux64/" + build.linuxNatives());

		List<String> installed = UpdaterInstall.install(site.toUri(), site, fiji, "linux64");
		assertEquals(List.copyOf(StagingFolder.files(staging).keySet()), installed.stream().sorted()
			.toList(), "every staged file is installed");

		Path image = dir.resolve("sample.tif");
		IJ.saveAsTiff(sample(), image.toString());
		Run run = fork(fiji, "--list", "CSRA Classify", "image=" + image, "model=" + SPEC,
			"device=cpu", "threshold=0.5", "scaling=display range", "all_slices=false",
			"use_selection=false");

		assertEquals(0, run.status(), run.output());
		assertTrue(
			run.output().contains("CSRA Classify\torg.csrafiji.fiji.command.ClassifyCommand"),
			run.output());
		assertTrue(run.output().contains(
			"CSRA Attention Map\torg.csrafiji.fiji.command.AttentionMapCommand"), run.output());
		assertTrue(run.output().contains(HEADINGS), run.output());
		List<String> lines = run.output().lines().toList();
		List<String> headings = List.of(lines.stream().filter(l -> l.contains(HEADINGS)).findFirst()
			.orElseThrow().strip().split("\t"));
		String row = lines.stream().filter(l -> l.startsWith("sample.tif\t")).findFirst()
			.orElseThrow(
				() -> new AssertionError("no results row for sample.tif:\n" + run.output()));
		List<String> cells = List.of(row.split("\t"));
		assertEquals(headings.size(), cells.size(), row);
		for (String c : List.of("cell", "nucleus", "debris", "mitosis", "background")) {
			double score = Double.parseDouble(cells.get(headings.indexOf(c)));
			assertTrue(score > 0 && score < 1, c + " score " + score + " in " + row);
		}

		theInstalledDemoModelIsListedAndClassifiesItsSample(fiji);
	}

	/**
	 * The first run after install: the demo model (models/csra/demo/demo.json) is in the Model
	 * list and ready, the published specs are listed as lacking their weights, and classifying
	 * one of the demo's own samples by the name "demo" in a new JVM gives the labels of the
	 * sample's ground truth (labels.csv, written by the generator that drew the scene).
	 */
	private void theInstalledDemoModelIsListedAndClassifiesItsSample(Path fiji) throws Exception {
		Path csra = fiji.resolve("models/csra");
		List<String> choices = new InstalledModels(List.of(csra)).choices();
		assertTrue(choices.contains("demo"), choices.toString());
		assertTrue(choices.contains("resnet101_voc07_head1_lam0.1" + InstalledSpec.WEIGHTS_MISSING),
			choices.toString());

		Path samples = csra.resolve("demo/samples");
		String sample = "scene_00001.png";
		Run run = fork(fiji, "CSRA Classify", "image=" + samples.resolve(sample), "model=demo",
			"device=cpu", "threshold=0.5", "scaling=display range", "all_slices=false",
			"use_selection=false");
		assertEquals(0, run.status(), run.output());
		List<String> lines = run.output().lines().toList();
		List<String> headings = List.of(lines.stream().filter(l -> l.startsWith("Image\t"))
			.findFirst().orElseThrow(() -> new AssertionError(run.output())).split("\t"));
		List<String> cells = List.of(lines.stream().filter(l -> l.startsWith(sample + "\t"))
			.findFirst().orElseThrow(() -> new AssertionError(run.output())).split("\t"));
		List<String> truth = Files.readAllLines(samples.resolve("labels.csv"));
		List<String> classes = List.of(truth.get(0).split(",")).subList(1, 6);
		List<String> present = List.of(truth.stream().filter(l -> l.startsWith(sample + ","))
			.findFirst().orElseThrow().split(",")).subList(1, 6);
		for (int i = 0; i < classes.size(); i++) {
			double score = Double.parseDouble(cells.get(headings.indexOf(classes.get(i))));
			assertEquals(present.get(i).equals("1"), score > 0.5,
				classes.get(i) + " scored " + score
					+ " on " + sample + "; labels.csv says " + present.get(i));
		}
	}

	@Test
	void theRunnerRefusesAnUnknownCommandAndArgumentsThatAreNotKeyValue() {
		Context context = new Context(CommandService.class);
		try {
			assertEquals(1, HeadlessRunner.run(context, "CSRA No Such Command"));
			assertEquals(1, HeadlessRunner.run(context, "CSRA Classify", "device"));
			assertEquals(1, HeadlessRunner.run(context));
		}
		finally {
			context.dispose();
		}
	}

	/** A folder like Fiji.app before the site is added: what Fiji ships in jars/. */
	private Path freshFiji(PackagedBuild build) throws Exception {
		Path fiji = dir.resolve("Fiji.app");
		for (String folder : List.of("jars", "plugins", "models", "macros")) {
			Files.createDirectories(fiji.resolve(folder));
		}
		for (Path jar : build.fijiJars()) {
			PackagedBuild.copy(jar, fiji.resolve("jars").resolve(jar.getFileName()));
		}
		return fiji;
	}

	private static ImagePlus sample() {
		Random random = new Random(7);
		ByteProcessor ip = new ByteProcessor(120, 100);
		for (int i = 0; i < ip.getPixelCount(); i++)
			ip.set(i, random.nextInt(256));
		return new ImagePlus("sample.tif", ip);
	}

	private record Run(int status, String output) {}

	/** Runs HeadlessRunner in a new JVM whose class path is only Fiji.app's jars. */
	private Run fork(Path fiji, String... args) throws Exception {
		Path cache = dir.resolve("djl-cache");
		String classPath = fiji.resolve("jars") + File.separator + "*" + File.pathSeparator
			+ fiji.resolve("jars/linux64") + File.separator + "*";
		List<String> command = new ArrayList<>(List.of(
			Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx2g",
			"-Djava.awt.headless=true", "-Dimagej.dir=" + fiji, "-Dai.djl.offline=true",
			"-DDJL_CACHE_DIR=" + cache, "-DENGINE_CACHE_DIR=" + cache, "-cp", classPath,
			"org.csrafiji.fiji.HeadlessRunner"));
		command.addAll(List.of(args));
		Path log = dir.resolve("fork.log");
		ProcessBuilder pb = new ProcessBuilder(command).directory(fiji.toFile())
			.redirectErrorStream(true).redirectOutput(log.toFile());
		pb.environment().put("OPT_OUT_TRACKING", "true");
		pb.environment().put("DJL_OFFLINE", "true");
		pb.environment().remove("PYTORCH_LIBRARY_PATH");
		Process p = pb.start();
		if (!p.waitFor(100, TimeUnit.SECONDS)) {
			p.destroyForcibly();
			throw new AssertionError("the installed Fiji did not finish in 100 s:\n"
				+ Files.readString(log));
		}
		String output = Files.readString(log);
		System.out.println(output);
		return new Run(p.exitValue(), output);
	}
}
