package org.csrafiji.updatesite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
import org.w3c.dom.Element;

class UpdateSiteBuilderTest {

	@TempDir
	Path dir;

	private Path site() {
		return dir.resolve("site");
	}

	private UpdateSiteBuilder firstBuild() throws Exception {
		Path plugin = TestFiles.jarWithClasses(dir.resolve("build/csra-fiji.jar"),
			"org/csrafiji/A");
		Path api = TestFiles.jarWithClasses(dir.resolve("build/api.jar"), "ai/djl/Model");
		Path linux = TestFiles.jar(dir.resolve("build/native-linux.jar"),
			Map.of("native/lib/libtorch.so", "elf"));
		Path win = TestFiles.jar(dir.resolve("build/native-win.jar"),
			Map.of("native/lib/torch.dll", "pe"));
		Path macro = TestFiles.text(dir.resolve("build/classify.ijm"), "run(\"CSRA Classify\");\n");
		Path spec = TestFiles.text(dir.resolve("build/voc.json"), "{\"name\": \"voc & <coco>\"}\n");
		return UpdateSiteBuilder.builder().setTimestamp(20261121183000L)
			.setDescription("CSRA <multi-label> & attention").addAuthor("CSRA for Fiji developers")
			.addCategory("Deep Learning")
			.add("jars/csra-fiji-0.1.0.jar", plugin).add("jars/api-0.35.1.jar", api)
			.add("jars/linux64/pytorch-native-cpu-2.7.1-linux-x86_64.jar", linux)
			.add("jars/win64/pytorch-native-cpu-2.7.1-win-x86_64.jar", win)
			.add("macros/classify.ijm", macro).add("models/csra/voc.json", spec)
			.addDependency("jars/csra-fiji-0.1.0.jar", "jars/api-0.35.1.jar");
	}

	@Test
	void dbXmlGzIsValidAndListsEveryFileWithItsPlatformChecksumAndSize() throws Exception {
		firstBuild().build(site());
		Document db = SiteXml.parse(site());

		assertEquals("pluginRecords", db.getDocumentElement().getTagName());
		assertEquals("pluginRecords", db.getDoctype().getName(), "the inline DTD is present");
		List<String> names = SiteXml.elements(db.getDocumentElement(), "plugin").stream()
			.map(e -> e.getAttribute("filename")).toList();
		assertEquals(List.of("jars/csra-fiji-0.1.0.jar", "jars/api-0.35.1.jar",
			"jars/linux64/pytorch-native-cpu-2.7.1-linux-x86_64.jar",
			"jars/win64/pytorch-native-cpu-2.7.1-win-x86_64.jar", "macros/classify.ijm",
			"models/csra/voc.json"), names);
		assertEquals(List.of("linux64"), SiteXml.texts(SiteXml.plugin(db,
			"jars/linux64/pytorch-native-cpu-2.7.1-linux-x86_64.jar"), "platform"));
		assertEquals(List.of("win64"), SiteXml.texts(SiteXml.plugin(db,
			"jars/win64/pytorch-native-cpu-2.7.1-win-x86_64.jar"), "platform"));
		assertEquals(List.of(),
			SiteXml.texts(SiteXml.plugin(db, "jars/api-0.35.1.jar"), "platform"));

		for (String name : names) {
			Element v = SiteXml.version(db, name);
			Path stored = site().resolve(name + "-" + v.getAttribute("timestamp"));
			assertTrue(Files.isRegularFile(stored),
				stored + " is stored under its timestamped name");
			assertEquals(Files.size(stored), Long.parseLong(v.getAttribute("filesize")));
			assertEquals(Checksums.of(name, stored), v.getAttribute("checksum"));
			assertEquals("20261121183000", v.getAttribute("timestamp"));
			assertEquals(List.of("CSRA <multi-label> & attention"),
				SiteXml.texts(v, "description"));
			assertEquals(List.of("CSRA for Fiji developers"), SiteXml.texts(v, "author"));
		}
		Element dependency = SiteXml
			.elements(SiteXml.version(db, "jars/csra-fiji-0.1.0.jar"), "dependency").get(0);
		assertEquals("jars/api-0.35.1.jar", dependency.getAttribute("filename"));
		assertEquals("20261121183000", dependency.getAttribute("timestamp"));
		assertArrayEquals(SiteXml.bytes(dir.resolve("build/voc.json")),
			SiteXml.bytes(site().resolve("models/csra/voc.json-20261121183000")));
	}

	@Test
	void rebuildingKeepsPreviousVersionsAndUnchangedTimestamps() throws Exception {
		firstBuild().build(site());
		String oldMacroChecksum = SiteXml.version(SiteXml.parse(site()), "macros/classify.ijm")
			.getAttribute("checksum");
		String oldApiChecksum = SiteXml.version(SiteXml.parse(site()), "jars/api-0.35.1.jar")
			.getAttribute("checksum");

		TestFiles.text(dir.resolve("build/classify.ijm"),
			"run(\"CSRA Classify\", \"use_gpu=true\");\n");
		Path newApi = TestFiles.jarWithClasses(dir.resolve("build2/api.jar"), "ai/djl/Model",
			"ai/djl/New");
		UpdateSiteBuilder.builder().setTimestamp(20261201090000L)
			.add("jars/csra-fiji-0.1.0.jar", dir.resolve("build/csra-fiji.jar"))
			.add("jars/api-0.36.0.jar", newApi)
			.add("jars/linux64/pytorch-native-cpu-2.7.1-linux-x86_64.jar",
				dir.resolve("build/native-linux.jar"))
			.add("macros/classify.ijm", dir.resolve("build/classify.ijm"))
			.add("models/csra/voc.json", dir.resolve("build/voc.json"))
			.build(site());
		Document db = SiteXml.parse(site());

		assertEquals("20261121183000",
			SiteXml.version(db, "jars/csra-fiji-0.1.0.jar").getAttribute("timestamp"),
			"an unchanged file keeps its version");
		assertTrue(
			SiteXml.elements(SiteXml.plugin(db, "jars/csra-fiji-0.1.0.jar"), "previous-version")
				.isEmpty());

		Element macro = SiteXml.plugin(db, "macros/classify.ijm");
		assertEquals("20261201090000",
			SiteXml.version(db, "macros/classify.ijm").getAttribute("timestamp"));
		Element before = SiteXml.elements(macro, "previous-version").get(0);
		assertEquals("20261121183000", before.getAttribute("timestamp"));
		assertEquals(oldMacroChecksum, before.getAttribute("checksum"));
		assertTrue(Files.exists(site().resolve("macros/classify.ijm-20261121183000")),
			"old copies stay");
		assertTrue(Files.exists(site().resolve("macros/classify.ijm-20261201090000")));

		Element api = SiteXml.plugin(db, "jars/api-0.36.0.jar");
		Element apiBefore = SiteXml.elements(api, "previous-version").get(0);
		assertEquals("jars/api-0.35.1.jar", apiBefore.getAttribute("filename"),
			"an upgraded jar keeps its history");
		assertEquals(oldApiChecksum, apiBefore.getAttribute("checksum"));
		assertFalse(SiteXml.elements(db.getDocumentElement(), "plugin").stream()
			.anyMatch(p -> p.getAttribute("filename").equals("jars/api-0.35.1.jar")));

		Element win = SiteXml.plugin(db, "jars/win64/pytorch-native-cpu-2.7.1-win-x86_64.jar");
		assertTrue(SiteXml.elements(win, "version").isEmpty(),
			"a dropped file has no current version");
		assertEquals("20261121183000",
			SiteXml.elements(win, "previous-version").get(0).getAttribute("timestamp"));
		assertEquals(List.of("win64"), SiteXml.texts(win, "platform"));

		// a third build over the second keeps the whole history
		TestFiles.text(dir.resolve("build/classify.ijm"),
			"run(\"CSRA Classify\", \"use_gpu=false\");\n");
		UpdateSiteBuilder.builder().setTimestamp(20261202090000L)
			.add("macros/classify.ijm", dir.resolve("build/classify.ijm")).build(site());
		assertEquals(List.of("20261121183000", "20261201090000"),
			SiteXml
				.elements(SiteXml.plugin(SiteXml.parse(site()), "macros/classify.ijm"),
					"previous-version")
				.stream().map(e -> e.getAttribute("timestamp")).toList());
	}

	@Test
	void readingBackGivesTheRecordsWritten() throws Exception {
		List<FileRecord> written = firstBuild().build(site());
		assertEquals(written, SiteDatabase.read(site()));
	}

	@Test
	void aFileMissingFromTheBuildIsNamedAndNothingIsWritten() throws Exception {
		UpdateSiteBuilder builder = firstBuild().add("jars/pytorch-jni-2.7.1-0.35.1.jar",
			dir.resolve("build/absent.jar"));
		UpdateSiteException e = assertThrows(UpdateSiteException.class,
			() -> builder.build(site()));
		assertTrue(e.getMessage().contains("jars/pytorch-jni-2.7.1-0.35.1.jar"), e.getMessage());
		assertTrue(e.getMessage().contains("missing from the build"), e.getMessage());
		assertFalse(Files.exists(site().resolve("db.xml.gz")));
	}

	@Test
	void pathsOutsideFijiOrTwoVersionsOfOneJarAreRejected() throws Exception {
		Path file = TestFiles.text(dir.resolve("x.txt"), "x");
		assertThrows(UpdateSiteException.class,
			() -> UpdateSiteBuilder.builder().add("../x.txt", file));
		assertThrows(UpdateSiteException.class,
			() -> UpdateSiteBuilder.builder().add("x.txt", file));
		UpdateSiteBuilder two = UpdateSiteBuilder.builder().add("jars/a-1.0.jar", file)
			.add("jars/a-2.0.jar", file);
		UpdateSiteException e = assertThrows(UpdateSiteException.class, () -> two.build(site()));
		assertTrue(e.getMessage().contains("jars/a-2.0.jar"), e.getMessage());
	}
}
