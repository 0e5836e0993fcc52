package org.csrafiji.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.csrafiji.core.CsraException;

/**
 * Class-data sharing archives (the JDK's AppCDS) for the JVMs of a Spark job: a JVM started
 * with an archive maps the classes it holds, already parsed and verified, instead of loading
 * each from its jar. A driver or executor loads 11,000-14,000 classes of Spark, Scala, Netty,
 * Hadoop and Parquet before its first task, which on a small machine is seconds of CPU that
 * no number of workers shortens.
 * <p>
 * An archive is made in two steps, with the JDK alone: a run of the job records the classes
 * each JVM loaded ({@link #record}, {@code -XX:DumpLoadedClassList}), then {@link #dump} writes
 * the archive for the class path that JVM had ({@code java -Xshare:dump}). A JVM started with
 * {@link #use} and the same class path (its jars unchanged; the folder holding them may have
 * moved) maps it. With any other class path the JVM runs without sharing, slower than with the
 * JDK's own default archive, and says so only in its {@code cds} log ({@link #log}, {@link
 * #used}). Classes the executor loads from the application jar (a class loader of Spark's) are
 * not recorded; Spark's own, on the executor's class path, are.
 */
public final class ClassArchives {

	/** What the first line of a standalone executor's log holds: the command its worker ran. */
	private static final Pattern CLASSPATH = Pattern.compile("\"-cp\" \"([^\"]*)\"");
	/** What a JVM's {@code cds} log says for each part of an archive it mapped. */
	private static final Pattern MAPPED = Pattern.compile("Mapped static\\s+region");

	private ClassArchives() {}

	/**
	 * @param classList where the JVM writes the name of every class it loads
	 * @return the JVM option
	 */
	public static String record(Path classList) {
		return "-XX:DumpLoadedClassList=" + classList;
	}

	/**
	 * @param archive an archive written by {@link #dump}
	 * @return the JVM option that maps it
	 */
	public static String use(Path archive) {
		return "-XX:SharedArchiveFile=" + archive;
	}

	/**
	 * @param file the log file; {@code %p} in its name becomes the process id
	 * @return the JVM option that logs whether the archive was mapped
	 */
	public static String log(Path file) {
		return "-Xlog:cds=info:file=" + file;
	}

	/**
	 * Writes an archive of the classes a class list names, for JVMs with this class path.
	 *
	 * @param classList the list a JVM wrote ({@link #record})
	 * @param classpath the class path of the JVMs that will use it, exactly as they get it
	 * @param archive the archive to write
	 * @param log where the JDK's output goes
	 * @return the process writing it, started; see {@link #await}
	 * @throws IOException when it cannot be started
	 */
	public static Process dump(Path classList, String classpath, Path archive, Path log)
		throws IOException
	{
		if (!Files.isRegularFile(classList) || Files.size(classList) == 0) {
			throw new CsraException("No classes were recorded in " + classList + ": the JVM that"
				+ " was to write it did not start, or was not given " + record(classList) + ".");
		}
		return PackagedJars.jvm(List.of("-Xshare:dump", "-XX:SharedClassListFile=" + classList,
			"-XX:SharedArchiveFile=" + archive, "-cp", classpath), log).start();
	}

	/**
	 * @param dump a process from {@link #dump}
	 * @param archive the archive it writes
	 * @param log its output
	 * @throws CsraException when it failed, with the end of its output
	 */
	public static void await(Process dump, Path archive, Path log) {
		try {
			int exit = dump.waitFor();
			if (exit != 0 || !Files.isRegularFile(archive)) {
				throw new CsraException("Writing the class-data archive " + archive + " failed"
					+ " (exit " + exit + "); the end of " + log + ":\n" + LogWatch.tail(LogWatch
						.read(log)));
			}
		}
		catch (InterruptedException e) {
			ProcessTrees.kill(dump);
			Thread.currentThread().interrupt();
			throw new CsraException("Interrupted while writing " + archive + ".");
		}
	}

	/**
	 * @param executorLog a standalone executor's {@code stderr}, whose first line is the
	 *          command its worker started ({@code Spark Executor Command: ... "-cp" "..."})
	 * @return the executor's class path, as the worker gave it
	 * @throws CsraException when the log names none
	 */
	public static String executorClasspath(Path executorLog) {
		Matcher m = CLASSPATH.matcher(LogWatch.read(executorLog).lines().findFirst().orElse(""));
		if (!m.find()) {
			throw new CsraException("The executor's log " + executorLog + " does not start with"
				+ " the command that started it (\"Spark Executor Command: ... \"-cp\" ...\").");
		}
		return m.group(1);
	}

	/**
	 * @param cdsLog a JVM's {@code cds} log ({@link #log})
	 * @return whether that JVM mapped its archive (a class path that does not match the
	 *         archive's, or a missing archive, leaves it unmapped)
	 */
	public static boolean used(Path cdsLog) {
		String s = LogWatch.read(cdsLog);
		return MAPPED.matcher(s).find() && !s.contains("Unable to map shared spaces");
	}

	/**
	 * @param folder a folder
	 * @param prefix the start of the names of the {@code cds} logs there
	 * @return those logs, by name
	 * @throws IOException when the folder cannot be listed
	 */
	public static List<Path> logs(Path folder, String prefix) throws IOException {
		List<Path> logs = new ArrayList<>();
		try (var s = Files.list(folder)) {
			s.filter(p -> p.getFileName().toString().startsWith(prefix)).sorted().forEach(
				logs::add);
		}
		return logs;
	}
}
