package org.csrafiji.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.csrafiji.core.ClassLabels;
import org.csrafiji.core.DatasetException;
import org.csrafiji.eval.Dataset;

/** {@link DatasetSpec}: the {@code KIND:PATH} forms and where each looks. */
class DatasetSpecTest {

	@TempDir
	Path dir;

	@Test
	void parsesEveryKindKeepingColonsInThePath() {
		assertEquals(new DatasetSpec(DatasetSpec.Kind.VOC2007, Path.of("VOCdevkit")),
			DatasetSpec.parse(
				"voc2007:VOCdevkit"));
		assertEquals(DatasetSpec.Kind.COCO2014, DatasetSpec.parse("COCO2014:coco").kind());
		assertEquals(DatasetSpec.Kind.WIDER, DatasetSpec.parse("wider:w").kind());
		assertEquals(Path.of("a:b.csv"), DatasetSpec.parse("csv:a:b.csv").path());
	}

	@Test
	void unknownOrMissingKindsAreErrorsListingTheForms() {
		for (String bad : List.of("VOCdevkit", "imagenet:x", "csv:", ":x")) {
			DatasetException e = assertThrows(DatasetException.class, () -> DatasetSpec.parse(bad));
			assertTrue(e.getMessage().contains(DatasetSpec.FORMS), e.getMessage());
		}
	}

	@Test
	void csvWithoutClassColumnsTakesTheGivenClasses() throws IOException {
		Path csv = Files.writeString(dir.resolve("l.csv"), "image,labels\nx.png,b\ny.png,\n");
		Dataset d = DatasetSpec.parse("csv:" + csv).load(new ClassLabels(List.of("a", "b", "c")));
		assertEquals(List.of("a", "b", "c"), d.classes().names());
		assertEquals(2, d.samples().size());
	}

	@Test
	void aFolderWithoutTheUsualAnnotationFileIsAnErrorNamingIt() {
		DatasetException coco = assertThrows(DatasetException.class,
			() -> DatasetSpec.parse("coco2014:"
				+ dir).load(null));
		assertTrue(
			coco.getMessage().contains(Path.of("annotations", "instances_val2014.json").toString()),
			coco.getMessage());
		DatasetException wider = assertThrows(DatasetException.class,
			() -> DatasetSpec.parse("wider:"
				+ dir).load(null));
		assertTrue(wider.getMessage().contains("wider_attribute_test.json"), wider.getMessage());
	}

	@Test
	void aWiderFolderReadsItsTestAnnotationsWithTheImagesNextToThem() throws IOException {
		Files.createDirectories(dir.resolve("Annotations"));
		Files.createDirectories(dir.resolve("Image"));
		StringBuilder attributes = new StringBuilder();
		for (int i = 0; i < 14; i++) {
			attributes.append(i == 0 ? "" : ",").append(i % 2 == 0 ? 1 : -1);
		}
		Files.writeString(dir.resolve("Annotations/wider_attribute_test.json"),
			"{\"images\":[{\"file_name\":"
				+ "\"0--Parade/a.jpg\",\"targets\":[{\"attribute\":[" + attributes
				+ "],\"bbox\":[1,2,30,40]},"
				+ "{\"attribute\":[" + attributes
				+ "],\"bbox\":[5,6,30,40]}]}],\"attribute_id_map\":{},"
				+ "\"scene_id_map\":{}}");
		Dataset d = DatasetSpec.parse("wider:" + dir).load(null);
		assertEquals(List.of("a#0", "a#1"), d.samples().stream().map(s -> s.key()).toList());
		assertEquals(dir.resolve("Image/0--Parade/a.jpg"), d.samples().get(0).image());
	}
}
