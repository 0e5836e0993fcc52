package org.csrafiji.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The packages below the front ends word no remedy as a command-line option: they name the
 * setting ({@link CsraException#setting()}) and each front end says how to change it. Checked
 * on every string constant the compiler put into their class files (literals and the recipes
 * of string concatenations), so no message can slip through untested code paths.
 */
class NoFrontEndWordingTest {

	/** A command-line option: two dashes and a lower-case word, not inside a longer token. */
	private static final Pattern OPTION = Pattern.compile("(?<![\\w-])--[a-z][a-z0-9-]*");

	@Test
	void lowerPackagesNameNoCommandLineOption() throws IOException {
		Path classes = ClassFiles.folder();
		TreeMap<String, List<String>> found = new TreeMap<>();
		List<Path> files = ClassFiles.lowerPackages();
		for (Path f : files) {
			for (String c : ClassFiles.stringConstants(Files.readAllBytes(f))) {
				Matcher m = OPTION.matcher(c);
				while (m.find()) {
					found.computeIfAbsent(classes.relativize(f).toString(), k -> new ArrayList<>())
						.add(m.group());
				}
			}
		}
		assertTrue(files.size() > 100, "only " + files.size() + " class files under " + classes);
		assertEquals(new TreeMap<>(), found, "options named in lower packages");
	}

	@Test
	void theScanSeesTheCommandLineWording() throws IOException {
		// The command line's own wording class holds the options: the scan must find them there.
		Path f = ClassFiles.folder().resolve("org/csrafiji/cli/CliWording.class");
		List<String> options = new ArrayList<>();
		for (String c : ClassFiles.stringConstants(Files.readAllBytes(f))) {
			Matcher m = OPTION.matcher(c);
			while (m.find()) {
				options.add(m.group());
			}
		}
		assertTrue(options.contains("--heads") && options.contains("--trust-torchscript"), options
			.toString());
	}
}
