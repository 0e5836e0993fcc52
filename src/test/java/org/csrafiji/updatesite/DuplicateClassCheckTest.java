package org.csrafiji.updatesite;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DuplicateClassCheckTest {

	@TempDir
	Path dir;

	@Test
	void aSecondCopyOfAClassIsRejectedNamingBothJars() throws Exception {
		Path gson = TestFiles.jarWithClasses(dir.resolve("gson-2.10.1.jar"),
			"com/google/gson/Gson");
		Path shaded = TestFiles.jarWithClasses(dir.resolve("fat-djl.jar"), "ai/djl/Model",
			"com/google/gson/Gson");
		UpdateSiteException e = assertThrows(UpdateSiteException.class,
			() -> DuplicateClassCheck.check(List.of(gson, shaded)));
		assertTrue(e.getMessage().contains("gson-2.10.1.jar"), e.getMessage());
		assertTrue(e.getMessage().contains("fat-djl.jar"), e.getMessage());
		assertTrue(e.getMessage().contains("com.google.gson.Gson"), e.getMessage());
	}

	@Test
	void multiReleaseVariantsCountAsTheirBaseClass() throws Exception {
		Path a = TestFiles.jarWithClasses(dir.resolve("a.jar"), "x/Y", "module-info");
		Path b = TestFiles.jar(dir.resolve("b.jar"), Map.of("META-INF/versions/11/x/Y.class", "y",
			"module-info.class", "m"));
		assertThrows(UpdateSiteException.class, () -> DuplicateClassCheck.check(List.of(a, b)));
	}

	@Test
	void distinctClassesAndModuleInfosPass() throws Exception {
		Path a = TestFiles.jarWithClasses(dir.resolve("a.jar"), "x/A", "module-info");
		Path b = TestFiles.jarWithClasses(dir.resolve("b.jar"), "x/B", "module-info");
		Path self = TestFiles.jar(dir.resolve("mr.jar"),
			Map.of("x/C.class", "c", "META-INF/versions/17/x/C.class", "c17"));
		assertDoesNotThrow(() -> DuplicateClassCheck.check(List.of(a, b, self)));
	}
}
