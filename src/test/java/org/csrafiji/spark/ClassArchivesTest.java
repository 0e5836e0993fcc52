package org.csrafiji.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.csrafiji.core.CsraException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Class-data archives made and used by this machine's own JDK: a recorded class list, an
 * archive written for one class path, mapped by a JVM with that class path and refused by one
 * with another (as the JVM itself decides, read from its {@code cds} log).
 */
class ClassArchivesTest {

	@TempDir
	Path dir;

	@Test
	void anArchiveIsMappedWithItsClassPathAndNotWithAnother() throws Exception {
		String jar = jarOf(com.google.gson.Gson.class);
		String other = jarOf(Test.class);
		Path list = dir.resolve("classes.classlist");
		// the launcher loads the main class from the jar before it finds it has no main method:
		// the list then names a class of that jar, and the archive holds it
		assertEquals(1, java(List.of(ClassArchives.record(list), "-cp", jar,
			"com.google.gson.Gson"), dir.resolve("record.log")));
		assertTrue(Files.readAllLines(list).contains("com/google/gson/Gson"), "the JVM recorded"
			+ " the classes it loaded");

		Path archive = dir.resolve("a.jsa");
		Path dumpLog = dir.resolve("dump.log");
		ClassArchives.await(ClassArchives.dump(list, jar, archive, dumpLog), archive, dumpLog);
		assertTrue(Files.size(archive) > 0);

		Path same = dir.resolve("cds-same.log");
		assertEquals(0, java(List.of(ClassArchives.use(archive), ClassArchives.log(same), "-cp",
			jar, "-version"), dir.resolve("same.out")));
		assertTrue(ClassArchives.used(same), LogWatch.read(same));

		Path mismatch = dir.resolve("cds-other.log");
		assertEquals(0, java(List.of(ClassArchives.use(archive), ClassArchives.log(mismatch),
			"-cp", other, "-version"), dir.resolve("other.out")), "a JVM whose class path does"
				+ " not match still runs, without the archive");
		assertFalse(ClassArchives.used(mismatch), LogWatch.read(mismatch));
		assertFalse(ClassArchives.used(dir.resolve("no-such.log")));
		assertEquals(List.of(mismatch, same), ClassArchives.logs(dir, "cds-"));
	}

	@Test
	void refusesToDumpAnEmptyClassList() throws Exception {
		Path list = Files.createFile(dir.resolve("empty.classlist"));
		CsraException e = assertThrows(CsraException.class, () -> ClassArchives.dump(list, "",
			dir.resolve("a.jsa"), dir.resolve("dump.log")));
		assertTrue(e.getMessage().contains("No classes were recorded in " + list), e
			.getMessage());
	}

	@Test
	void aFailedDumpSaysWhyWithTheEndOfItsOutput() throws Exception {
		Path list = Files.writeString(dir.resolve("bad.classlist"), "java/lang/Object\n");
		Path archive = dir.resolve("no-such-folder").resolve("a.jsa");
		Path log = dir.resolve("dump.log");
		Process p = ClassArchives.dump(list, "", archive, log);
		CsraException e = assertThrows(CsraException.class, () -> ClassArchives.await(p, archive,
			log));
		assertTrue(e.getMessage().startsWith("Writing the class-data archive " + archive
			+ " failed"), e.getMessage());
	}

	@Test
	void readsAnExecutorsClassPathFromTheCommandItsWorkerLogged() throws Exception {
		Path stderr = Files.writeString(dir.resolve("stderr"), "Spark Executor Command:"
			+ " \"/usr/bin/java\" \"-cp\" \"/h/conf:/h/jars/slf4j-api-2.0.17.jar:/h/jars/*\""
			+ " \"-Xmx1500M\" \"org.apache.spark.executor.CoarseGrainedExecutorBackend\"\n"
			+ "========================================\n");
		assertEquals("/h/conf:/h/jars/slf4j-api-2.0.17.jar:/h/jars/*", ClassArchives
			.executorClasspath(stderr));
		Path other = Files.writeString(dir.resolve("other"), "log4j: hello\n");
		assertTrue(assertThrows(CsraException.class, () -> ClassArchives.executorClasspath(
			other)).getMessage().contains("does not start with the command"));
	}

	@Test
	void executorOptionsAreQuotedWhereTheyHoldASpace() {
		JobJvms j = new JobJvms(List.of("-Da=1"), List.of("-XX:SharedArchiveFile=/a b/e.jsa",
			"-Xlog:cds=info:file=/x/%p.log"));
		assertEquals("-Dai.djl.pytorch.num_threads=1 \"-XX:SharedArchiveFile=/a b/e.jsa\""
			+ " -Xlog:cds=info:file=/x/%p.log",
			j.executorOptions(List.of(
				"-Dai.djl.pytorch.num_threads=1")));
		assertEquals(List.of("-Da=1"), j.driver());
		assertEquals("-Dx=1", JobJvms.NONE.executorOptions(List.of("-Dx=1")));
	}

	private static String jarOf(Class<?> c) throws Exception {
		Path p = Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
		assertTrue(p.toString().endsWith(".jar"), p.toString());
		return p.toString();
	}

	private static int java(List<String> args, Path log) throws Exception {
		List<String> cmd = new ArrayList<>(List.of(PackagedJars.java()));
		cmd.addAll(args);
		Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile())
			.start();
		assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the JVM ended");
		return p.exitValue();
	}
}
