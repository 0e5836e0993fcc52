package org.csrafiji.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;

import org.csrafiji.core.ClassLabels;
import org.csrafiji.core.DatasetException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetLoaderTest {

	@TempDir
	Path dir;

	@Test
	void tellsTheFormatsApart() throws IOException {
		Path csv = Files.writeString(dir.resolve("l.csv"), "image,labels\na.png,cat\n");
		assertEquals(List.of("cat", "dog"),
			DatasetLoader.load(csv, null, new ClassLabels(List.of("cat", "dog"))).classes().names());

		String zeros = "[" + String.join(",", Collections.nCopies(14, "0")) + "]";
		Path list = Files.writeString(dir.resolve("test_wider.json"),
			" [{\"img_path\": \"a.jpg\", \"bbox\": [1, 1, 2, 2], \"target\": " + zeros + "}]");
		assertEquals(ClassLabels.WIDER, DatasetLoader.load(list, null, null).classes().names());

		Path coco = Files.writeString(dir.resolve("instances.json"), "{\"images\": [{\"id\": 1, \"file_name\":"
			+ " \"a.jpg\"}], \"annotations\": [{\"image_id\": 1, \"category_id\": 4}], \"categories\": [{\"id\": 4,"
			+ " \"name\": \"kite\"}]}");
		assertEquals(List.of("kite"), DatasetLoader.load(coco, null, null).classes().names());

		Path wider = Files.writeString(dir.resolve("wider_attribute_test.json"), "{\"images\": [{\"file_name\":"
			+ " \"a.jpg\", \"targets\": [{\"attribute\": " + zeros + ", \"bbox\": [1, 1, 2, 2]}]}]}");
		Dataset w = DatasetLoader.load(wider, null, null);
		assertEquals(IgnoredLabelCounting.AS_NEGATIVE, w.ignoredCounting());
		assertEquals(LabelState.IGNORED, w.samples().get(0).labels().get(0));
	}

	@Test
	void rejectsWhatItCannotRead() throws IOException {
		Path text = Files.writeString(dir.resolve("labels.txt"), "a.png cat\n");
		DatasetException e = assertThrows(DatasetException.class, () -> DatasetLoader.load(text, null, null));
		assertTrue(e.getMessage().contains("labels.txt"), e.getMessage());
		assertThrows(DatasetException.class, () -> DatasetLoader.load(dir.resolve("absent.csv"), null, null));
	}
}
