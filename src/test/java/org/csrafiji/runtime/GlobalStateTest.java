package org.csrafiji.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;

import org.csrafiji.core.ClassFiles;
import org.junit.jupiter.api.Test;

/**
 * The lower packages keep no global mutable state: no static field that can change (a non-final
 * one, or a ThreadLocal), and no system property written, except in {@link JvmNatives}, the one
 * documented holder of what DJL forces to be JVM-wide.
 */
class GlobalStateTest {

	private static final String HOLDER = JvmNatives.class.getName();

	@Test
	void noMutableStaticFieldsOutsideTheNativesHolder() throws Exception {
		TreeSet<String> found = new TreeSet<>();
		List<Path> files = ClassFiles.lowerPackages();
		for (Path f : files) {
			Class<?> c = Class.forName(ClassFiles.className(f), false, getClass().getClassLoader());
			for (Field field : c.getDeclaredFields()) {
				int m = field.getModifiers();
				boolean mutable = !Modifier.isFinal(m) || ThreadLocal.class.isAssignableFrom(field
					.getType());
				if (Modifier.isStatic(m) && mutable && !field.isSynthetic() && !c.getName().equals(
					HOLDER))
				{
					found.add(c.getName() + "." + field.getName());
				}
			}
		}
		assertTrue(files.size() > 100, files.size() + " classes");
		assertEquals(new TreeSet<>(), found);
		// The holder itself is seen by the scan (it does hold state).
		assertTrue(Modifier.isStatic(JvmNatives.class.getDeclaredField("started").getModifiers()));
	}

	@Test
	void onlyTheNativesHolderSetsSystemProperties() throws IOException {
		TreeSet<String> setters = new TreeSet<>();
		for (Path f : ClassFiles.lowerPackages()) {
			if (ClassFiles.methodRefs(Files.readAllBytes(f))
				.contains("java/lang/System.setProperty"))
			{
				setters.add(ClassFiles.className(f));
			}
		}
		assertEquals(new TreeSet<>(List.of(HOLDER)), setters);
	}
}
