package org.csrafiji.spark;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.csrafiji.core.CsraException;

/**
 * What {@code mvn package} leaves in {@code target/}: {@code csra-spark.jar} (the job),
 * {@code spark-lib/} (Spark's own jars) and {@code csra.jar} (the plain command line, its
 * dependencies in {@code lib/}); and how to start a JVM from them the way a user does, e.g.
 * {@code java -cp 'target/csra-spark.jar:target/spark-lib/*' org.csrafiji.spark.ClassifyJob}.
 *
 * @param sparkJar target/csra-spark.jar
 * @param sparkLib target/spark-lib
 * @param csraJar target/csra.jar
 */
public record PackagedJars(Path sparkJar, Path sparkLib, Path csraJar) {

	/**
	 * @param target the build's output folder
	 * @return its packaged jars (not checked; see {@link #require()})
	 */
	public static PackagedJars in(Path target) {
		Path t = target.toAbsolutePath();
		return new PackagedJars(t.resolve("csra-spark.jar"), t.resolve("spark-lib"), t.resolve(
			"csra.jar"));
	}

	/**
	 * @return the jars beside the one this class was loaded from ({@code target/csra-spark.jar},
	 *         or {@code target/classes} in a development build: both in {@code target/})
	 */
	public static PackagedJars besideThisJar() {
		try {
			Path here = Path.of(PackagedJars.class.getProtectionDomain().getCodeSource()
				.getLocation().toURI());
			return in(here.getParent());
		}
		catch (URISyntaxException | NullPointerException e) {
			return in(Path.of("target"));
		}
	}

	/**
	 * @return these jars
	 * @throws CsraException when one is missing, saying how to make it
	 */
	public PackagedJars require() {
		for (Path p : List.of(sparkJar, sparkLib, csraJar)) {
			if (!Files.exists(p)) {
				throw new CsraException(p + " is missing; build it with 'mvn -B package"
					+ " -DskipTests' in the project folder (it makes csra.jar, csra-spark.jar and"
					+ " spark-lib/).");
			}
		}
		return this;
	}

	/** @return the job's class path: the shaded jar, then Spark's own jars */
	public String jobClasspath() {
		return sparkJar + File.pathSeparator + sparkLib + File.separator + "*";
	}

	/** @return Spark's own jars alone, the class path of a master or worker */
	public String sparkClasspath() {
		return sparkLib + File.separator + "*";
	}

	/** @return the java launcher of this JVM */
	public static String java() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	/**
	 * @param classpath the class path
	 * @param jvm JVM options (heap, system properties)
	 * @param mainClass what to run
	 * @param args its arguments
	 * @return the arguments of {@code java} that run it
	 */
	public static List<String> mainClass(String classpath, List<String> jvm, String mainClass,
		List<String> args)
	{
		List<String> cmd = new ArrayList<>(List.of("-cp", classpath));
		cmd.addAll(jvm);
		cmd.add(mainClass);
		cmd.addAll(args);
		return cmd;
	}

	/**
	 * A JVM with the settings every process of a local cluster gets: Spark bound to 127.0.0.1,
	 * DJL offline and not tracking.
	 *
	 * @param arguments the arguments of {@code java}
	 * @param log where stdout and stderr go
	 * @return the process, not yet started
	 */
	public static ProcessBuilder jvm(List<String> arguments, Path log) {
		List<String> cmd = new ArrayList<>(List.of(java()));
		cmd.addAll(arguments);
		ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log
			.toFile());
		Map<String, String> env = pb.environment();
		env.put("SPARK_LOCAL_IP", "127.0.0.1");
		env.put("DJL_OFFLINE", "true");
		env.put("OPT_OUT_TRACKING", "true");
		return pb;
	}
}
