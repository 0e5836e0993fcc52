package org.csrafiji.updatesite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * What {@code mvn package} left for the installation test, named by the system properties
 * failsafe passes (see pom.xml): the plugin jar, the runtime jars in target/lib, the
 * project's models/ and macros/, and the versions.
 * <p>
 * It splits target/lib as the {@code update-site} profile does by group id: DJL's jars
 * (group ai.djl and ai.djl.pytorch, known here by their names because they carry no Maven
 * metadata) go on the site, the linux-x86_64 CPU natives under jars/linux64/; every other
 * runtime jar is one Fiji ships and must be in {@link #FIJI_SHIPS}, so that a new
 * dependency makes the test fail until someone decides where it belongs.
 */
record PackagedBuild(Path pluginJar, Path lib, Path basedir, String version, String djl,
	String pytorch)
{

	/** The runtime jars Fiji already ships (update-site/README.md), by artifact id. */
	static final List<String> FIJI_SHIPS = List.of("ij", "scijava-common", "parsington",
		"imglib2", "gson", "jna", "commons-compress", "commons-codec", "commons-io", "slf4j-api");

	/** @return the build failsafe describes */
	static PackagedBuild fromSystemProperties() {
		return new PackagedBuild(Path.of(property("csra.it.plugin-jar")), Path.of(property(
			"csra.it.lib")), Path.of(property("csra.it.basedir")), property("csra.it.version"),
			property("csra.it.djl-version"), property("csra.it.pytorch-version"));
	}

	private static String property(String name) {
		String value = System.getProperty(name);
		if (value == null) {
			throw new IllegalStateException(name + " is not set: run this test through "
				+ "'mvn verify' (failsafe sets it, see pom.xml).");
		}
		return value;
	}

	/** @return the site's jar in jars/ holding the plugin */
	String pluginPath() {
		return "jars/csra-fiji-" + version + ".jar";
	}

	/** @return the DJL jars for jars/, by file name */
	List<String> djlJars() {
		return List.of("api-" + djl + ".jar", "pytorch-engine-" + djl + ".jar",
			"pytorch-jni-" + pytorch + "-" + djl + ".jar");
	}

	/** @return the linux-x86_64 CPU natives' file name */
	String linuxNatives() {
		return "pytorch-native-cpu-" + pytorch + "-linux-x86_64.jar";
	}

	/**
	 * @return the runtime jars that are not on the site, i.e. what Fiji ships
	 * @throws AssertionError naming a runtime jar that is neither DJL's nor Fiji's
	 */
	List<Path> fijiJars() throws IOException {
		List<Path> out = new ArrayList<>();
		try (Stream<Path> s = Files.list(lib)) {
			for (Path jar : s.sorted().toList()) {
				String name = jar.getFileName().toString();
				if (djlJars().contains(name) || name.equals(linuxNatives())) continue;
				String artifact = name.replaceFirst("-\\d[^/]*\\.jar$", "");
				if (!FIJI_SHIPS.contains(artifact)) {
					throw new AssertionError(name
						+ " is a new runtime dependency: Fiji does not ship it "
						+ "and the update site does not carry it. Add it to the site (update-site "
						+ "profile) or, if Fiji ships it, to FIJI_SHIPS and update-site/README.md.");
				}
				out.add(jar);
			}
		}
		return out;
	}

	/**
	 * Fills a staging folder as the update-site profile does, for one platform (linux64): the
	 * plugin and DJL jars, the specs into models/csra, the demo model (spec, weights, samples)
	 * into models/csra/demo, the macros, and the test's extra spec with its fixture checkpoint.
	 *
	 * @param staging an empty folder
	 * @param spec the name of the extra model spec the fixture checkpoint is installed with
	 * @throws IOException when a file cannot be copied
	 */
	void stage(Path staging, String spec) throws IOException {
		copy(pluginJar, staging.resolve(pluginPath()));
		for (String jar : djlJars())
			copy(lib.resolve(jar), staging.resolve("jars/" + jar));
		copy(lib.resolve(linuxNatives()), staging.resolve("jars/linux64/" + linuxNatives()));
		copyAll(basedir.resolve("models"), ".json", staging.resolve("models/csra"));
		copyTree(basedir.resolve("models/demo"), staging.resolve("models/csra/demo"));
		copyAll(basedir.resolve("macros"), ".ijm", staging.resolve("macros"));
		Path fixture = basedir.resolve("src/test/resources");
		copy(fixture.resolve("model/official_r18_h1.pth"),
			staging.resolve("models/csra/" + spec + "/official_r18_h1.pth"));
		String json = Files.readString(fixture.resolve("fiji/r18_h1.json")).replace(
			"../model/official_r18_h1.pth", spec + "/official_r18_h1.pth");
		Files.writeString(staging.resolve("models/csra/" + spec + ".json"), json);
	}

	private static void copyAll(Path from, String suffix, Path to) throws IOException {
		try (Stream<Path> s = Files.list(from)) {
			for (Path file : s.filter(p -> p.toString().endsWith(suffix)).toList()) {
				copy(file, to.resolve(file.getFileName().toString()));
			}
		}
	}

	/** Copies a folder with everything in it, as the update-site profile copies models/demo. */
	private static void copyTree(Path from, Path to) throws IOException {
		try (Stream<Path> s = Files.walk(from)) {
			for (Path file : s.filter(Files::isRegularFile).sorted().toList()) {
				copy(file, to.resolve(from.relativize(file).toString()));
			}
		}
	}

	static void copy(Path from, Path to) throws IOException {
		Files.createDirectories(to.getParent());
		Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
	}
}
