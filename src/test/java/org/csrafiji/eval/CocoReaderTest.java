package org.csrafiji.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.csrafiji.core.ClassLabels;
import org.csrafiji.core.DatasetException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CocoReaderTest {

	@TempDir
	Path root;

	private static final String SMALL = """
		{"info": {"year": 2014}, "images": [
		  {"id": 5, "file_name": "COCO_val2014_000000000005.jpg", "width": 640, "height": 480},
		  {"id": 2, "file_name": "COCO_val2014_000000000002.jpg", "width": 640, "height": 480},
		  {"id": 9, "file_name": "COCO_val2014_000000000009.jpg", "width": 640, "height": 480}
		 ],
		 "licenses": [],
		 "annotations": [
		  {"id": 1, "image_id": 5, "category_id": 3, "iscrowd": 0, "segmentation": [[1, 2, 3, 4, 5, 6]], "bbox": [1, 2, 3, 4]},
		  {"id": 2, "image_id": 2, "category_id": 1, "iscrowd": 1, "segmentation": {"counts": [1, 2], "size": [2, 2]}},
		  {"id": 3, "image_id": 5, "category_id": 2, "iscrowd": 0},
		  {"id": 4, "image_id": 5, "category_id": 3, "iscrowd": 0}
		 ],
		 "categories": [
		  {"supercategory": "vehicle", "id": 3, "name": "car"},
		  {"supercategory": "person", "id": 1, "name": "person"},
		  {"supercategory": "vehicle", "id": 2, "name": "bicycle"}
		 ]}
		""";

	private Path write(String json) throws IOException {
		Path dir = Files.createDirectories(root.resolve("annotations"));
		return Files.writeString(dir.resolve("instances_val2014.json"), json);
	}

	@Test
	void readsImagesInIdOrderWithCategoriesInIdOrderAndSkipsUnannotated() throws IOException {
		Dataset d = CocoReader.read(write(SMALL), null);
		assertEquals(List.of("person", "bicycle", "car"), d.classes().names());
		assertEquals(List.of("COCO_val2014_000000000002", "COCO_val2014_000000000005"),
			d.samples().stream().map(Sample::key).toList());
		assertEquals(LabelRow.of(LabelState.POSITIVE, LabelState.NEGATIVE, LabelState.NEGATIVE),
			d.samples().get(0).labels());
		assertEquals(LabelRow.of(LabelState.NEGATIVE, LabelState.POSITIVE, LabelState.POSITIVE),
			d.samples().get(1).labels());
		assertEquals(1, d.notes().size());
		assertTrue(d.notes().get(0).contains("Skipped 1 of 3"), d.notes().get(0));
		assertEquals(
			root.resolve("images").resolve("val2014").resolve("COCO_val2014_000000000002.jpg"),
			d.samples().get(0).image().toAbsolutePath());
	}

	@Test
	void mapsTheEightyCategoriesOntoTheCocoNames() throws IOException {
		StringBuilder categories = new StringBuilder();
		int id = 0;
		for (String name : ClassLabels.COCO2014) {
			id += id % 12 == 11 ? 2 : 1; // gaps in the ids, as in COCO
			categories.append(categories.length() == 0 ? "" : ",").append("{\"id\": ").append(id)
				.append(", \"name\": \"").append(name.replace(' ', '_')).append("\"}");
		}
		String json = "{\"images\": [{\"id\": 1, \"file_name\": \"a.jpg\"}], \"annotations\": [{\"image_id\": 1,"
			+ " \"category_id\": " + id + "}], \"categories\": [" + categories + "]}";
		Dataset d = CocoReader.read(write(json), root.resolve("pics"));
		assertEquals(ClassLabels.COCO2014, d.classes().names());
		assertEquals(LabelState.POSITIVE, d.samples().get(0).labels().get(79));
		assertEquals(root.resolve("pics").resolve("a.jpg"), d.samples().get(0).image());
		List<LabelState> rest = new ArrayList<>();
		for (int c = 0; c < 79; c++) {
			rest.add(d.samples().get(0).labels().get(c));
		}
		assertTrue(rest.stream().allMatch(s -> s == LabelState.NEGATIVE));
	}

	@Test
	void unknownCategoryNamesTheLine() throws IOException {
		Path json = write(SMALL.replace("\"category_id\": 2", "\"category_id\": 77"));
		DatasetException e = assertThrows(DatasetException.class,
			() -> CocoReader.read(json, null));
		assertTrue(e.getMessage().contains("line 10") && e.getMessage().contains("category 77"),
			e.getMessage());
	}

	@Test
	void malformedJsonNamesTheFileAndLine() throws IOException {
		Path json = write(
			SMALL.replace("\"iscrowd\": 0}", "\"iscrowd\": 0").replace("\"id\": 4,", "\"id\": 4"));
		DatasetException e = assertThrows(DatasetException.class,
			() -> CocoReader.read(json, null));
		assertTrue(e.getMessage().contains("instances_val2014.json line "), e.getMessage());
	}

	@Test
	void missingCategoriesSaysWhatIsMissing() throws IOException {
		Path json = write("{\"images\": [], \"annotations\": []}");
		DatasetException e = assertThrows(DatasetException.class,
			() -> CocoReader.read(json, null));
		assertTrue(e.getMessage().contains("\"categories\""), e.getMessage());
	}
}
