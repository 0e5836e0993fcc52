package org.csrafiji.updatesite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class UpdateSiteMainTest {

	@TempDir
	Path dir;

	private Path staging() throws Exception {
		Path staging = dir.resolve("staging");
		TestFiles.jarWithClasses(staging.resolve("jars/csra-fiji-0.1.0.jar"), "org/csrafiji/A");
		TestFiles.jarWithClasses(staging.resolve("jars/api-0.35.1.jar"), "ai/djl/Model");
		TestFiles.jar(staging.resolve("jars/macos-arm64/pytorch-native-cpu-2.7.1-osx-aarch64.jar"),
			Map.of("native/lib/libtorch.dylib", "macho"));
		TestFiles.text(staging.resolve("macros/classify.ijm"), "run(\"CSRA Classify\");\n");
		return staging;
	}

	@Test
	void buildsTheSiteFromTheStagingFolderWithThePluginJarsDependencies() throws Exception {
		Path site = dir.resolve("site");
		List<FileRecord> records = UpdateSiteMain.run("--staging", staging().toString(), "--site",
			site.toString(), "--main-jar", "jars/csra-fiji-0.1.0.jar", "--require",
			"jars/api-0.35.1.jar",
			"--timestamp", "20261121183000");
		assertEquals(4, records.size());
		Document db = SiteXml.parse(site);
		assertEquals(List.of("macos-arm64"), SiteXml.texts(SiteXml.plugin(db,
			"jars/macos-arm64/pytorch-native-cpu-2.7.1-osx-aarch64.jar"), "platform"));
		assertEquals(List.of("jars/api-0.35.1.jar"), SiteXml.elements(SiteXml.version(db,
			"jars/csra-fiji-0.1.0.jar"), "dependency").stream().map(e -> e.getAttribute("filename"))
			.toList(),
			"natives are installed by platform, not as dependencies");
	}

	@Test
	void aRequiredJarMissingFromTheBuildStopsItNamingTheJar() throws Exception {
		Path site = dir.resolve("site");
		String[] args = {"--staging", staging().toString(), "--site", site.toString(), "--require",
			"jars/pytorch-engine-0.35.1.jar"};
		UpdateSiteException e = assertThrows(UpdateSiteException.class,
			() -> UpdateSiteMain.run(args));
		assertTrue(
			e.getMessage().startsWith("jars/pytorch-engine-0.35.1.jar is missing from the build"),
			e.getMessage());
		assertFalse(Files.exists(site));
	}

	@Test
	void aClassAlsoInAJarFijiShipsIsRejectedNamingBothJars() throws Exception {
		Path staging = staging();
		TestFiles.jarWithClasses(staging.resolve("jars/djl-fat-0.35.1.jar"), "ai/djl/Other",
			"com/sun/jna/Native");
		Path fiji = dir.resolve("fiji");
		TestFiles.jarWithClasses(fiji.resolve("jna-5.14.0.jar"), "com/sun/jna/Native");
		String[] args = {"--staging", staging.toString(), "--site", dir.resolve("site").toString(),
			"--fiji-jars", fiji.toString()};
		UpdateSiteException e = assertThrows(UpdateSiteException.class,
			() -> UpdateSiteMain.run(args));
		assertTrue(
			e.getMessage().contains("djl-fat-0.35.1.jar")
				&& e.getMessage().contains("jna-5.14.0.jar"),
			e.getMessage());
	}
}
